package org.jvmm.hv.emu.diff;

import java.util.List;
import org.jvmm.hv.emu.diff.Opnd.Mem;
import org.jvmm.hv.emu.diff.Opnd.Reg;

/** ADD OR ADC SBB AND SUB XOR CMP and TEST in all operand forms and sizes, LOCK and FS/GS forms. */
final class AluForms {

    private static final String[] OPS = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};

    private AluForms() {
    }

    static void add(List<Form> f) {
        for (int op = 0; op < 8; op++) {
            for (int sz : Form.SIZES) {
                alu(f, op, sz);
            }
        }
        for (int sz : Form.SIZES) {
            test(f, sz);
        }
    }

    private static int mask(int op) {
        return op == 1 || op == 4 || op == 6 ? Fl.LOGIC : Fl.ARITH;
    }

    private static void alu(List<Form> f, int op, int sz) {
        String m = OPS[op] + Form.suffix(sz);
        String r = Form.reg(sz);
        int base = op * 8;
        int w = sz == 1 ? 0 : 1;
        int mask = mask(op);
        f.add(new Form(m + " " + r + "," + r, g -> {
            Reg s = g.gpr(sz);
            Reg d = g.gpr(sz);
            if (g.rnd.nextBoolean()) {
                g.emit(g.insn().size(sz).op(base + w).modrm(s, d));
            } else {
                g.emit(g.insn().size(sz).op(base + 2 + w).modrm(d, s));
            }
            g.mask(mask);
        }));
        f.add(new Form(m + " m," + r, g -> {
            Reg d = g.gpr(sz);
            g.emit(g.insn().size(sz).op(base + 2 + w).modrm(d, g.mem(sz)));
            g.mask(mask);
        }));
        f.add(new Form(m + " imm," + r, g -> {
            int k = g.rnd.nextInt(3);
            Reg d = k == 2 ? g.gpr(sz, 0) : g.gpr(sz);
            g.emit(imm(g, sz, op, k, d));
            g.mask(mask);
        }));
        for (String prefix : op == 7 ? new String[] {""} : new String[] {"", "lock "}) {
            int lock = prefix.isEmpty() ? 0 : 0xF0;
            f.add(new Form(prefix + m + " " + r + ",m", g -> {
                Reg s = g.gpr(sz);
                Code c = g.insn().size(sz).op(base + w).modrm(s, g.mem(sz));
                g.emit(lock != 0 ? c.prefix(lock) : c);
                g.mask(mask);
            }));
            f.add(new Form(prefix + m + " imm,m", g -> {
                Code c = imm(g, sz, op, g.rnd.nextInt(2), g.mem(sz));
                g.emit(lock != 0 ? c.prefix(lock) : c);
                g.mask(mask);
            }));
        }
        f.add(new Form(m + " sreg," + r, g -> {
            Reg d = g.gpr(sz);
            g.emit(g.insn().size(sz).op(base + 2 + w).modrm(d, g.memSeg(sz)));
            g.mask(mask);
        }));
        f.add(new Form(m + " " + r + ",sreg", g -> {
            Reg s = g.gpr(sz);
            g.emit(g.insn().size(sz).op(base + w).modrm(s, g.memSeg(sz)));
            g.mask(mask);
        }));
        f.add(new Form(m + " imm,sreg", g -> {
            g.emit(imm(g, sz, op, g.rnd.nextInt(2), g.memSeg(sz)));
            g.mask(mask);
        }));
    }

    /** The immediate forms: k=0 sign-extended imm8 (83), k=1 full immediate (80/81), k=2 accumulator short form. */
    static Code imm(Gen g, int sz, int op, int k, Opnd dst) {
        int full = Math.min(sz, 4);
        if (k == 2) {
            return g.insn().size(sz).op(op * 8 + (sz == 1 ? 4 : 5)).imm(g.imm(full), full);
        }
        if (sz == 1 || k == 1) {
            return g.insn().size(sz).op(sz == 1 ? 0x80 : 0x81).modrm(op, dst).imm(g.imm(full), full);
        }
        return g.insn().size(sz).op(0x83).modrm(op, dst).imm(g.imm(1), 1);
    }

    private static void test(List<Form> f, int sz) {
        String m = "test" + Form.suffix(sz);
        String r = Form.reg(sz);
        int w = sz == 1 ? 0 : 1;
        int full = Math.min(sz, 4);
        f.add(new Form(m + " " + r + "," + r, g -> {
            Reg a = g.gpr(sz);
            g.emit(g.insn().size(sz).op(0x84 + w).modrm(a, g.rnd.nextInt(3) == 0 ? a : g.gpr(sz)));
            g.mask(Fl.LOGIC);
        }));
        f.add(new Form(m + " " + r + ",m", g -> {
            Reg a = g.gpr(sz);
            g.emit(g.insn().size(sz).op(0x84 + w).modrm(a, g.mem(sz)));
            g.mask(Fl.LOGIC);
        }));
        f.add(new Form(m + " imm," + r, g -> {
            if (g.rnd.nextBoolean()) {
                g.emit(g.insn().size(sz).op(0xA8 + w).imm(g.imm(full), full));
            } else {
                g.emit(g.insn().size(sz).op(0xF6 + w).modrm(0, g.gpr(sz)).imm(g.imm(full), full));
            }
            g.mask(Fl.LOGIC);
        }));
        f.add(new Form(m + " imm,m", g -> {
            Mem mm = g.mem(sz);
            g.emit(g.insn().size(sz).op(0xF6 + w).modrm(0, mm).imm(g.imm(full), full));
            g.mask(Fl.LOGIC);
        }));
    }
}
