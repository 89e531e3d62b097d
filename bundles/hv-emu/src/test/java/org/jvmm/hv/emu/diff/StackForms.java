package org.jvmm.hv.emu.diff;

import java.util.List;
import org.jvmm.hv.emu.diff.Opnd.Mem;
import org.jvmm.hv.emu.diff.Opnd.Reg;

/**
 * PUSH POP (registers incl. RSP, immediates, memory, 16-bit forms), PUSHF POPF, ENTER LEAVE, XLAT,
 * and the control transfers that stay inside the snippet: Jcc/JMP/LOOPcc/JRCXZ over a
 * {@code not rax}, CALL and RET whose targets are the snippet's own next bytes (same linear addresses
 * natively and emulated).
 */
final class StackForms {

    /** not rax: three bytes that branches jump over. */
    private static final int[] SKIPPED = {0x48, 0xF7, 0xD0};

    private StackForms() {
    }

    static void add(List<Form> f) {
        for (int sz : new int[] {2, 8}) {
            String s = Form.suffix(sz);
            String r = Form.reg(sz);
            int os = sz == 2 ? 2 : 4;
            f.add(new Form("push" + s + " " + r, g -> g.emit(g.insn().size(os).opReg(anyReg(g, sz), 0x50))));
            f.add(new Form("pop" + s + " " + r, g -> g.emit(g.insn().size(os).opReg(anyReg(g, sz), 0x58))));
            f.add(new Form("push" + s + " imm", g -> {
                if (g.rnd.nextBoolean()) {
                    g.emit(g.insn().size(os).op(0x6A).imm(g.imm(1), 1));
                } else {
                    g.emit(g.insn().size(os).op(0x68).imm(g.imm(os), os));
                }
            }));
            f.add(new Form("push" + s + " m", g -> g.emit(g.insn().size(os).op(0xFF).modrm(6, g.mem(sz)))));
            f.add(new Form("pop" + s + " m", g -> g.emit(g.insn().size(os).op(0x8F).modrm(0, g.mem(sz)))));
            f.add(new Form("push" + s + " sreg", g -> g.emit(g.insn().size(os).op(0xFF).modrm(6, g.memSeg(sz)))));
            f.add(new Form("pushf" + s, g -> g.emit(g.insn().size(os).op(0x9C))));
            f.add(new Form("popf" + s, g -> {
                long v = g.rnd.nextLong() & (Fl.ARITH | Fl.DF) | 0x202;
                g.put(g.layout.stack(), sz, sz == 2 ? v & 0xFFFF : v);
                g.emit(g.insn().size(os).op(0x9D));
            }));
        }
        f.add(new Form("leaveq", g -> {
            g.set(5, g.target(8, 1));
            g.emit(0xC9);
        }));
        f.add(new Form("enterq imm,imm", g -> {
            g.set(5, g.target(8, 8));
            g.emit(0xC8, g.rnd.nextInt(256), g.rnd.nextInt(2), g.rnd.nextInt(3));
        }));
        f.add(new Form("xlat m", g -> {
            long t = g.target(1, 1);
            g.set(3, t - (g.in.gpr[0] & 0xFF));
            g.emit(g.rnd.nextBoolean() ? g.insn().op(0xD7) : g.insn().w().op(0xD7));
        }));
        branches(f);
    }

    /** Any register for PUSH/POP, RSP included (its value is the stack pointer). */
    private static Reg anyReg(Gen g, int sz) {
        return g.rnd.nextInt(8) == 0 ? g.gpr(sz, 4) : g.gpr(sz);
    }

    private static void branches(List<Form> f) {
        for (int cc = 0; cc < 16; cc++) {
            int c = cc;
            f.add(new Form("j" + MoveForms.CC[cc] + " rel", g -> {
                if (g.rnd.nextBoolean()) {
                    g.emit(0x70 + c, SKIPPED.length);
                } else {
                    g.emit(0x0F, 0x80 + c, SKIPPED.length, 0, 0, 0);
                }
                g.emit(SKIPPED);
            }));
        }
        String[] loops = {"loopne", "loope", "loop", "jrcxz"};
        for (int k = 0; k < 4; k++) {
            int op = 0xE0 + k;
            f.add(new Form(loops[k] + " rel", g -> {
                g.set(1, g.rnd.nextInt(3) == 0 ? g.rnd.nextInt(3) : g.value());
                if (op == 0xE3 && g.rnd.nextBoolean()) {
                    g.emit(0x67);
                }
                g.emit(op, SKIPPED.length).emit(SKIPPED);
            }));
        }
        f.add(new Form("jmp rel", g -> {
            if (g.rnd.nextBoolean()) {
                g.emit(0xEB, SKIPPED.length);
            } else {
                g.emit(0xE9, SKIPPED.length, 0, 0, 0);
            }
            g.emit(SKIPPED);
        }));
        f.add(new Form("callq rel", g -> g.emit(0xE8, SKIPPED.length, 0, 0, 0).emit(SKIPPED)));
        for (int digit : new int[] {2, 4}) {
            String m = digit == 2 ? "callq" : "jmpq";
            f.add(new Form(m + " ind:r64", g -> {
                Reg r = g.gpr(8);
                g.pin(r.n());
                Code c = g.insn().op(0xFF).modrm(digit, r);
                g.in.gpr[r.n()] = g.here() + c.bytes().length + SKIPPED.length;
                g.emit(c).emit(SKIPPED);
            }));
            f.add(new Form(m + " ind:m", g -> {
                Mem mem = g.mem(8);
                Code c = g.insn().op(0xFF).modrm(digit, mem);
                g.put(mem.target(), 8, g.here() + c.bytes().length + SKIPPED.length);
                g.emit(c).emit(SKIPPED);
            }));
        }
        f.add(new Form("retq", g -> {
            g.put(g.layout.stack(), 8, g.here() + 1 + SKIPPED.length);
            g.emit(0xC3).emit(SKIPPED);
        }));
        f.add(new Form("retq imm", g -> {
            int n = g.rnd.nextInt(64);
            g.put(g.layout.stack(), 8, g.here() + 3 + SKIPPED.length);
            g.emit(0xC2, n, 0).emit(SKIPPED);
        }));
    }
}
