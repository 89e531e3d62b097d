package org.jvmm.hv.emu.diff;

import java.util.List;
import org.jvmm.hv.emu.diff.Opnd.Reg;

/** MOV in all forms (incl. MOVABS and moffs), MOVZX MOVSX MOVSXD, LEA, CBW..CQO, CMOVcc and SETcc. */
final class MoveForms {

    static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};

    private MoveForms() {
    }

    static void add(List<Form> f) {
        for (int sz : Form.SIZES) {
            mov(f, sz);
        }
        extend(f);
        for (int sz = 2; sz <= 8; sz *= 2) {
            int size = sz;
            f.add(new Form("lea" + Form.suffix(sz) + " m," + Form.reg(sz), g -> {
                Reg d = g.gpr(size);
                g.emit(g.insn().size(size).op(0x8D).modrm(d, g.mem(1)));
            }));
        }
        String[] conv = {"cbtw", "cwtl", "cltq", "cwtd", "cltd", "cqto"};
        for (int k = 0; k < 6; k++) {
            int sz = 2 << (k % 3);
            int op = k < 3 ? 0x98 : 0x99;
            f.add(new Form(conv[k], g -> g.emit(g.insn().size(sz).op(op))));
        }
        for (int cc = 0; cc < 16; cc++) {
            conditional(f, cc);
        }
    }

    private static void mov(List<Form> f, int sz) {
        String m = "mov" + Form.suffix(sz);
        String r = Form.reg(sz);
        int w = sz == 1 ? 0 : 1;
        int full = Math.min(sz, 4);
        f.add(new Form(m + " " + r + "," + r, g -> {
            Reg s = g.gpr(sz);
            Reg d = g.gpr(sz);
            if (g.rnd.nextBoolean()) {
                g.emit(g.insn().size(sz).op(0x88 + w).modrm(s, d));
            } else {
                g.emit(g.insn().size(sz).op(0x8A + w).modrm(d, s));
            }
        }));
        f.add(new Form(m + " m," + r, g -> {
            Reg d = g.gpr(sz);
            g.emit(g.insn().size(sz).op(0x8A + w).modrm(d, g.mem(sz)));
        }));
        f.add(new Form(m + " " + r + ",m", g -> {
            Reg s = g.gpr(sz);
            g.emit(g.insn().size(sz).op(0x88 + w).modrm(s, g.mem(sz)));
        }));
        f.add(new Form(m + " sreg," + r, g -> {
            Reg d = g.gpr(sz);
            g.emit(g.insn().size(sz).op(0x8A + w).modrm(d, g.memSeg(sz)));
        }));
        f.add(new Form(m + " " + r + ",sreg", g -> {
            Reg s = g.gpr(sz);
            g.emit(g.insn().size(sz).op(0x88 + w).modrm(s, g.memSeg(sz)));
        }));
        f.add(new Form(m + " imm," + r, g -> {
            Reg d = g.gpr(sz);
            if (sz == 8 || g.rnd.nextBoolean()) {
                g.emit(g.insn().size(sz).op(0xC6 + w).modrm(0, d).imm(g.imm(full), full));
            } else {
                g.emit(g.insn().size(sz).opReg(d, sz == 1 ? 0xB0 : 0xB8).imm(g.imm(full), full));
            }
        }));
        f.add(new Form(m + " imm,m", g -> g.emit(g.insn().size(sz).op(0xC6 + w).modrm(0, g.mem(sz)).imm(g.imm(full), full))));
        f.add(new Form(m + " imm,sreg",
                g -> g.emit(g.insn().size(sz).op(0xC6 + w).modrm(0, g.memSeg(sz)).imm(g.imm(full), full))));
        if (sz == 8) {
            f.add(new Form("movabsq imm,r64", g -> g.emit(g.insn().w().opReg(g.gpr(8), 0xB8).imm(g.value(), 8))));
        }
        f.add(new Form("movabs" + Form.suffix(sz) + " moffs," + r, g -> {
            long t = g.target(sz, 1);
            g.emit(g.insn().size(sz).op(0xA0 + w).imm(t, 8));
        }));
        f.add(new Form("movabs" + Form.suffix(sz) + " " + r + ",moffs", g -> {
            long t = g.target(sz, 1);
            g.emit(g.insn().size(sz).op(0xA2 + w).imm(t, 8));
        }));
    }

    private static void extend(List<Form> f) {
        // {name, source size, destination size, opcode}
        Object[][] forms = {
            {"movzbw", 1, 2, 0xB6}, {"movzbl", 1, 4, 0xB6}, {"movzbq", 1, 8, 0xB6}, {"movzwl", 2, 4, 0xB7},
            {"movzwq", 2, 8, 0xB7}, {"movsbw", 1, 2, 0xBE}, {"movsbl", 1, 4, 0xBE}, {"movsbq", 1, 8, 0xBE},
            {"movswl", 2, 4, 0xBF}, {"movswq", 2, 8, 0xBF},
        };
        for (Object[] e : forms) {
            String name = (String) e[0];
            int from = (int) e[1];
            int to = (int) e[2];
            int op = (int) e[3];
            f.add(new Form(name + " " + Form.reg(from) + "," + Form.reg(to), g -> {
                if (to == 8) {
                    g.rexW();
                }
                Reg d = g.gpr(to);
                g.emit(g.insn().size(to).op(0x0F, op).modrm(d, g.gpr(from)));
            }));
            f.add(new Form(name + " m," + Form.reg(to), g -> {
                Reg d = g.gpr(to);
                g.emit(g.insn().size(to).op(0x0F, op).modrm(d, g.mem(from)));
            }));
        }
        f.add(new Form("movslq r32,r64", g -> {
            Reg d = g.gpr(8);
            g.emit(g.insn().w().op(0x63).modrm(d, g.gpr(4)));
        }));
        f.add(new Form("movslq m,r64", g -> {
            Reg d = g.gpr(8);
            g.emit(g.insn().w().op(0x63).modrm(d, g.mem(4)));
        }));
    }

    private static void conditional(List<Form> f, int cc) {
        for (int sz = 2; sz <= 8; sz *= 2) {
            int size = sz;
            String m = "cmov" + CC[cc] + Form.suffix(sz);
            f.add(new Form(m + " " + Form.reg(sz) + "," + Form.reg(sz), g -> {
                Reg d = g.gpr(size);
                g.emit(g.insn().size(size).op(0x0F, 0x40 + cc).modrm(d, g.gpr(size)));
            }));
            f.add(new Form(m + " m," + Form.reg(sz), g -> {
                Reg d = g.gpr(size);
                g.emit(g.insn().size(size).op(0x0F, 0x40 + cc).modrm(d, g.mem(size)));
            }));
        }
        f.add(new Form("set" + CC[cc] + " r8", g -> g.emit(g.insn().op(0x0F, 0x90 + cc).modrm(0, g.gpr(1)))));
        f.add(new Form("set" + CC[cc] + " m", g -> g.emit(g.insn().op(0x0F, 0x90 + cc).modrm(0, g.mem(1)))));
    }
}
