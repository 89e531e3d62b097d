package org.jvmm.hv.emu.diff;

import java.util.List;
import org.jvmm.hv.emu.diff.Opnd.Mem;
import org.jvmm.hv.emu.diff.Opnd.Reg;

/**
 * SSE/SSE2/SSE3 integer operations and moves on XMM registers: logic, packed add/subtract/compare,
 * min/max/average/multiply, unpack and pack, shifts by XMM and by immediate, shuffles, PMOVMSKB,
 * PEXTRW/PINSRW, MOVD/MOVQ, aligned and unaligned 128-bit moves, partial and non-temporal moves,
 * MASKMOVDQU. Legacy-encoded 128-bit memory operands that must be aligned are aligned.
 */
final class SseForms {

    // {name, mandatory prefix (0 for none), opcode after 0F}
    private static final Object[][] BINARY = {
        {"pxor", 0x66, 0xEF}, {"por", 0x66, 0xEB}, {"pand", 0x66, 0xDB}, {"pandn", 0x66, 0xDF},
        {"paddb", 0x66, 0xFC}, {"paddw", 0x66, 0xFD}, {"paddd", 0x66, 0xFE}, {"paddq", 0x66, 0xD4},
        {"psubb", 0x66, 0xF8}, {"psubw", 0x66, 0xF9}, {"psubd", 0x66, 0xFA}, {"psubq", 0x66, 0xFB},
        {"pcmpeqb", 0x66, 0x74}, {"pcmpeqw", 0x66, 0x75}, {"pcmpeqd", 0x66, 0x76}, {"pcmpgtb", 0x66, 0x64},
        {"pcmpgtw", 0x66, 0x65}, {"pcmpgtd", 0x66, 0x66}, {"paddusb", 0x66, 0xDC}, {"paddusw", 0x66, 0xDD},
        {"psubusb", 0x66, 0xD8}, {"psubusw", 0x66, 0xD9}, {"paddsb", 0x66, 0xEC}, {"paddsw", 0x66, 0xED},
        {"psubsb", 0x66, 0xE8}, {"psubsw", 0x66, 0xE9}, {"pminub", 0x66, 0xDA}, {"pmaxub", 0x66, 0xDE},
        {"pminsw", 0x66, 0xEA}, {"pmaxsw", 0x66, 0xEE}, {"pavgb", 0x66, 0xE0}, {"pavgw", 0x66, 0xE3},
        {"pmullw", 0x66, 0xD5}, {"pmulhw", 0x66, 0xE5}, {"pmulhuw", 0x66, 0xE4}, {"pmuludq", 0x66, 0xF4},
        {"pmaddwd", 0x66, 0xF5}, {"psadbw", 0x66, 0xF6}, {"punpcklbw", 0x66, 0x60}, {"punpcklwd", 0x66, 0x61},
        {"punpckldq", 0x66, 0x62}, {"punpcklqdq", 0x66, 0x6C}, {"punpckhbw", 0x66, 0x68},
        {"punpckhwd", 0x66, 0x69}, {"punpckhdq", 0x66, 0x6A}, {"punpckhqdq", 0x66, 0x6D},
        {"packsswb", 0x66, 0x63}, {"packssdw", 0x66, 0x6B}, {"packuswb", 0x66, 0x67},
        {"andps", 0, 0x54}, {"andnps", 0, 0x55}, {"orps", 0, 0x56}, {"xorps", 0, 0x57},
        {"andpd", 0x66, 0x54}, {"andnpd", 0x66, 0x55}, {"orpd", 0x66, 0x56}, {"xorpd", 0x66, 0x57},
        {"unpcklps", 0, 0x14}, {"unpckhps", 0, 0x15}, {"unpcklpd", 0x66, 0x14}, {"unpckhpd", 0x66, 0x15},
    };
    private static final Object[][] SHIFTS = {
        {"psllw", 0xF1, 0x71, 6}, {"pslld", 0xF2, 0x72, 6}, {"psllq", 0xF3, 0x73, 6},
        {"psrlw", 0xD1, 0x71, 2}, {"psrld", 0xD2, 0x72, 2}, {"psrlq", 0xD3, 0x73, 2},
        {"psraw", 0xE1, 0x71, 4}, {"psrad", 0xE2, 0x72, 4},
    };
    // {name, prefix, load opcode, store opcode (0: none), memory size, aligned}
    private static final Object[][] MOVES = {
        {"movdqa", 0x66, 0x6F, 0x7F, 16, true}, {"movdqu", 0xF3, 0x6F, 0x7F, 16, false},
        {"movaps", 0, 0x28, 0x29, 16, true}, {"movups", 0, 0x10, 0x11, 16, false},
        {"movapd", 0x66, 0x28, 0x29, 16, true}, {"movupd", 0x66, 0x10, 0x11, 16, false},
        {"movss", 0xF3, 0x10, 0x11, 4, false}, {"movsd", 0xF2, 0x10, 0x11, 8, false},
        {"movq", 0xF3, 0x7E, 0, 8, false}, {"movddup", 0xF2, 0x12, 0, 8, false},
        {"movshdup", 0xF3, 0x16, 0, 16, true}, {"movsldup", 0xF3, 0x12, 0, 16, true},
    };
    // memory-only partial moves {name, prefix, load opcode, store opcode}
    private static final Object[][] PARTIAL = {
        {"movlps", 0, 0x12, 0x13}, {"movhps", 0, 0x16, 0x17}, {"movlpd", 0x66, 0x12, 0x13}, {"movhpd", 0x66, 0x16, 0x17},
    };

    private SseForms() {
    }

    static Code sse(Gen g, int prefix, int op, Reg reg, Opnd rm) {
        Code c = g.insn();
        if (prefix != 0) {
            c.prefix(prefix);
        }
        return c.op(0x0F, op).modrm(reg, rm);
    }

    static void add(List<Form> f) {
        for (Object[] o : BINARY) {
            binary(f, (String) o[0], (int) o[1], (int) o[2], false);
        }
        for (Object[] o : SHIFTS) {
            String name = (String) o[0];
            binary(f, name, 0x66, (int) o[1], true);
            int op = (int) o[2];
            int digit = (int) o[3];
            f.add(new Form(name + " imm,xmm", g -> g.emit(g.insn().prefix(0x66).op(0x0F, op).modrm(digit, g.xmm())
                    .imm(g.rnd.nextInt(4) == 0 ? g.rnd.nextInt(256) : g.rnd.nextInt(70), 1))));
        }
        for (int digit : new int[] {7, 3}) {
            f.add(new Form((digit == 7 ? "pslldq" : "psrldq") + " imm,xmm",
                    g -> g.emit(g.insn().prefix(0x66).op(0x0F, 0x73).modrm(digit, g.xmm()).imm(g.rnd.nextInt(20), 1))));
        }
        Object[][] shuffles = {{"pshufd", 0x66, 0x70}, {"pshufhw", 0xF3, 0x70}, {"pshuflw", 0xF2, 0x70},
            {"shufps", 0, 0xC6}, {"shufpd", 0x66, 0xC6}};
        for (Object[] o : shuffles) {
            int prefix = (int) o[1];
            int op = (int) o[2];
            f.add(new Form(o[0] + " imm,xmm,xmm",
                    g -> g.emit(sse(g, prefix, op, g.xmm(), g.xmm()).imm(g.rnd.nextInt(256), 1))));
            f.add(new Form(o[0] + " imm,m,xmm", g -> {
                Reg d = g.xmm();
                g.emit(sse(g, prefix, op, d, g.mem(16, 16)).imm(g.rnd.nextInt(256), 1));
            }));
        }
        gprTransfers(f);
        for (Object[] o : MOVES) {
            moves(f, (String) o[0], (int) o[1], (int) o[2], (int) o[3], (int) o[4], (boolean) o[5]);
        }
        for (Object[] o : PARTIAL) {
            int prefix = (int) o[1];
            int load = (int) o[2];
            int store = (int) o[3];
            f.add(new Form(o[0] + " m,xmm", g -> {
                Reg d = g.xmm();
                g.emit(sse(g, prefix, load, d, g.mem(8)));
            }));
            f.add(new Form(o[0] + " xmm,m", g -> {
                Reg s = g.xmm();
                g.emit(sse(g, prefix, store, s, g.mem(8)));
            }));
        }
        f.add(new Form("movhlps xmm,xmm", g -> g.emit(sse(g, 0, 0x12, g.xmm(), g.xmm()))));
        f.add(new Form("movlhps xmm,xmm", g -> g.emit(sse(g, 0, 0x16, g.xmm(), g.xmm()))));
        f.add(new Form("movq xmm,m", g -> {
            Reg s = g.xmm();
            g.emit(sse(g, 0x66, 0xD6, s, g.mem(8)));
        }));
        f.add(new Form("lddqu m,xmm", g -> {
            Reg d = g.xmm();
            g.emit(sse(g, 0xF2, 0xF0, d, g.mem(16)));
        }));
        Object[][] nt = {{"movntdq", 0x66, 0xE7}, {"movntps", 0, 0x2B}, {"movntpd", 0x66, 0x2B}};
        for (Object[] o : nt) {
            int prefix = (int) o[1];
            int op = (int) o[2];
            f.add(new Form(o[0] + " xmm,m", g -> {
                Reg s = g.xmm();
                g.emit(sse(g, prefix, op, s, g.mem(16, 16)));
            }));
        }
        f.add(new Form("maskmovdqu xmm,xmm", g -> {
            g.set(7, g.target(16, 1));
            g.emit(sse(g, 0x66, 0xF7, g.xmm(), g.xmm()));
        }));
    }

    private static void binary(List<Form> f, String name, int prefix, int op, boolean shiftCount) {
        f.add(new Form(name + " xmm,xmm", g -> {
            Reg d = g.xmm();
            Reg s = g.xmm();
            if (shiftCount && g.rnd.nextInt(4) != 0) {
                g.in.xmm[2 * s.n()] = g.rnd.nextInt(70);
            }
            g.emit(sse(g, prefix, op, d, s));
        }));
        f.add(new Form(name + " m,xmm", g -> {
            Reg d = g.xmm();
            Mem m = g.mem(16, 16);
            if (shiftCount && g.rnd.nextInt(4) != 0) {
                g.put(m.target(), 8, g.rnd.nextInt(70));
            }
            g.emit(sse(g, prefix, op, d, m));
        }));
    }

    private static void gprTransfers(List<Form> f) {
        f.add(new Form("pmovmskb xmm,r32", g -> {
            Reg d = g.gpr(4);
            g.emit(sse(g, 0x66, 0xD7, d, g.xmm()));
        }));
        f.add(new Form("pextrw imm,xmm,r32", g -> {
            Reg d = g.gpr(4);
            g.emit(sse(g, 0x66, 0xC5, d, g.xmm()).imm(g.rnd.nextInt(256), 1));
        }));
        f.add(new Form("pinsrw imm,r32,xmm", g -> {
            Reg d = g.xmm();
            g.emit(sse(g, 0x66, 0xC4, d, g.gpr(4)).imm(g.rnd.nextInt(256), 1));
        }));
        f.add(new Form("pinsrw imm,m,xmm", g -> {
            Reg d = g.xmm();
            g.emit(sse(g, 0x66, 0xC4, d, g.mem(2)).imm(g.rnd.nextInt(256), 1));
        }));
        f.add(new Form("movmskps xmm,r32", g -> {
            Reg d = g.gpr(4);
            g.emit(sse(g, 0, 0x50, d, g.xmm()));
        }));
        f.add(new Form("movmskpd xmm,r32", g -> {
            Reg d = g.gpr(4);
            g.emit(sse(g, 0x66, 0x50, d, g.xmm()));
        }));
        for (int sz = 4; sz <= 8; sz *= 2) {
            int size = sz;
            String m = sz == 4 ? "movd" : "movq";
            String r = Form.reg(sz);
            String wide = sz == 8 ? " (66 REX.W 0F 6E/7E)" : "";
            f.add(new Form(m + " " + r + ",xmm", g -> {
                Reg d = g.xmm();
                g.emit(sse(g, 0x66, 0x6E, d, g.gpr(size)).size(size == 8 ? 8 : 4));
            }));
            f.add(new Form(m + " m,xmm" + wide, g -> {
                Reg d = g.xmm();
                g.emit(sse(g, 0x66, 0x6E, d, g.mem(size)).size(size == 8 ? 8 : 4));
            }));
            f.add(new Form(m + " xmm," + r, g -> {
                Reg s = g.xmm();
                g.emit(sse(g, 0x66, 0x7E, s, g.gpr(size)).size(size == 8 ? 8 : 4));
            }));
            f.add(new Form(m + " xmm,m" + wide, g -> {
                Reg s = g.xmm();
                g.emit(sse(g, 0x66, 0x7E, s, g.mem(size)).size(size == 8 ? 8 : 4));
            }));
        }
    }

    private static void moves(List<Form> f, String name, int prefix, int load, int store, int size, boolean aligned) {
        f.add(new Form(name + " xmm,xmm", g -> {
            Reg d = g.xmm();
            Reg s = g.xmm();
            if (store != 0 && g.rnd.nextBoolean()) {
                g.emit(sse(g, prefix, store, s, d));
            } else {
                g.emit(sse(g, prefix, load, d, s));
            }
        }));
        f.add(new Form(name + " m,xmm", g -> {
            Reg d = g.xmm();
            g.emit(sse(g, prefix, load, d, g.mem(size, aligned ? 16 : 1)));
        }));
        if (store != 0) {
            f.add(new Form(name + " xmm,m", g -> {
                Reg s = g.xmm();
                g.emit(sse(g, prefix, store, s, g.mem(size, aligned ? 16 : 1)));
            }));
        }
    }
}
