package org.jvmm.hv.emu.diff;

import java.util.List;
import org.jvmm.hv.emu.diff.Opnd.Reg;

/**
 * INC DEC NEG NOT, the shifts and rotates (by 1, by an immediate, by CL) and SHLD/SHRD. Flags are
 * compared where defined: a zero masked count changes nothing; OF only for a count of 1; AF never
 * after a shift; CF not after SHL/SHR by the operand width or more; rotates leave SF ZF AF PF alone.
 */
final class ShiftForms {

    private static final String[] SHIFTS = {"rol", "ror", "rcl", "rcr", "shl", "shr", null, "sar"};

    private ShiftForms() {
    }

    static void add(List<Form> f) {
        for (int sz : Form.SIZES) {
            unary(f, sz);
            for (int op = 0; op < 8; op++) {
                if (SHIFTS[op] != null) {
                    shift(f, op, sz);
                }
            }
            if (sz > 1) {
                doubleShift(f, true, sz);
                doubleShift(f, false, sz);
            }
        }
    }

    /** INC (FE/FF /0), DEC (/1), NOT (F6/F7 /2), NEG (/3). */
    private static void unary(List<Form> f, int sz) {
        String[] names = {"inc", "dec", "not", "neg"};
        for (int k = 0; k < 4; k++) {
            String m = names[k] + Form.suffix(sz);
            int opcode = (k < 2 ? 0xFE : 0xF6) + (sz == 1 ? 0 : 1);
            int digit = k;
            f.add(new Form(m + " " + Form.reg(sz), g -> g.emit(g.insn().size(sz).op(opcode).modrm(digit, g.gpr(sz)))));
            f.add(new Form(m + " m", g -> g.emit(g.insn().size(sz).op(opcode).modrm(digit, g.mem(sz)))));
            f.add(new Form("lock " + m + " m",
                    g -> g.emit(g.insn().prefix(0xF0).size(sz).op(opcode).modrm(digit, g.mem(sz)))));
            if (k < 2) {
                f.add(new Form(m + " sreg", g -> g.emit(g.insn().size(sz).op(opcode).modrm(digit, g.memSeg(sz)))));
            }
        }
    }

    /** A shift count: mostly small, sometimes up to 255 (masked by the CPU). */
    static int count(Gen g, int sz) {
        return switch (g.rnd.nextInt(4)) {
            case 0 -> g.rnd.nextInt(3);
            case 1 -> g.rnd.nextInt(256);
            default -> g.rnd.nextInt(sz * 8 + 2);
        };
    }

    static int shiftMask(int op, int sz, int count) {
        int n = count & (sz == 8 ? 63 : 31);
        if (n == 0) {
            return Fl.ARITH;
        }
        int one = n == 1 ? Fl.OF : 0;
        if (op < 4) {
            return Fl.CF | Fl.SF | Fl.ZF | Fl.AF | Fl.PF | one;
        }
        int m = Fl.CF | Fl.SF | Fl.ZF | Fl.PF | one;
        return op != 7 && n >= sz * 8 ? m & ~Fl.CF : m;
    }

    private static void shift(List<Form> f, int op, int sz) {
        String m = SHIFTS[op] + Form.suffix(sz);
        String r = Form.reg(sz);
        int w = sz == 1 ? 0 : 1;
        for (String dst : new String[] {r, "m"}) {
            boolean mem = dst.equals("m");
            f.add(new Form(m + " " + dst, g -> {
                g.emit(g.insn().size(sz).op(0xD0 + w).modrm(op, mem ? g.mem(sz) : g.gpr(sz)));
                g.mask(shiftMask(op, sz, 1));
            }));
            f.add(new Form(m + " imm," + dst, g -> {
                int n = count(g, sz);
                g.emit(g.insn().size(sz).op(0xC0 + w).modrm(op, mem ? g.mem(sz) : g.gpr(sz)).imm(n, 1));
                g.mask(shiftMask(op, sz, n));
            }));
            f.add(new Form(m + " r8," + dst, g -> {
                int n = count(g, sz);
                g.set(1, g.value() & ~0xFFL | n);
                g.emit(g.insn().size(sz).op(0xD2 + w).modrm(op, mem ? g.mem(sz) : g.gpr(sz)));
                g.mask(shiftMask(op, sz, n));
            }));
        }
    }

    private static void doubleShift(List<Form> f, boolean left, int sz) {
        String m = (left ? "shld" : "shrd") + Form.suffix(sz);
        String r = Form.reg(sz);
        int base = left ? 0xA4 : 0xAC;
        for (String dst : new String[] {r, "m"}) {
            boolean mem = dst.equals("m");
            f.add(new Form(m + " imm," + r + "," + dst, g -> {
                int n = doubleCount(g, sz);
                Reg src = g.gpr(sz);
                g.emit(g.insn().size(sz).op(0x0F, base).modrm(src, mem ? g.mem(sz) : g.gpr(sz)).imm(n, 1));
                g.mask(doubleMask(sz, n));
            }));
            f.add(new Form(m + " r8," + r + "," + dst, g -> {
                int n = doubleCount(g, sz);
                g.set(1, g.value() & ~0xFFL | n);
                Reg src = g.gpr(sz);
                g.emit(g.insn().size(sz).op(0x0F, base + 1).modrm(src, mem ? g.mem(sz) : g.gpr(sz)));
                g.mask(doubleMask(sz, n));
            }));
        }
    }

    /** Counts whose masked value exceeds a 16-bit operand give undefined results: not generated. */
    private static int doubleCount(Gen g, int sz) {
        while (true) {
            int n = count(g, sz);
            if (sz != 2 || (n & 31) <= 16) {
                return n;
            }
        }
    }

    private static int doubleMask(int sz, int count) {
        int n = count & (sz == 8 ? 63 : 31);
        return n == 0 ? Fl.ARITH : Fl.CF | Fl.SF | Fl.ZF | Fl.PF | (n == 1 ? Fl.OF : 0);
    }
}
