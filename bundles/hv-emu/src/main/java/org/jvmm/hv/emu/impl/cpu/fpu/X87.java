package org.jvmm.hv.emu.impl.cpu.fpu;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;

/**
 * The x87 floating-point unit with values held as doubles (not 80-bit precision): the register
 * stack, control/status/tag words, loads and stores, arithmetic, compares and the environment
 * instructions FNINIT, FNSTSW, FNSTCW, FLDCW, FNCLEX, EMMS. Exceptions are always masked.
 */
public final class X87 {

    static final int C0 = 0x100, C1 = 0x200, C2 = 0x400, C3 = 0x4000;

    private X87() {
    }

    /** #NM when CR0.EM or CR0.TS is set; true when the FPU may run. */
    static boolean usable(CpuState s) {
        if ((s.cr0 & (CpuState.CR0_EM | CpuState.CR0_TS)) != 0) {
            s.raise(7);
            return false;
        }
        return true;
    }

    // ---- register stack ----

    static double st(CpuState s, int i) {
        return s.st[(s.fpuTop + i) & 7];
    }

    static void setSt(CpuState s, int i, double v) {
        int p = (s.fpuTop + i) & 7;
        s.st[p] = v;
        s.fpuTag &= ~(3 << (2 * p));
    }

    static boolean empty(CpuState s, int i) {
        int p = (s.fpuTop + i) & 7;
        return ((s.fpuTag >>> (2 * p)) & 3) == 3;
    }

    static void push(CpuState s, double v) {
        s.fpuTop = (s.fpuTop - 1) & 7;
        if (!empty(s, 0)) {
            s.fpuStatus |= 0x41 | C1;
        }
        setSt(s, 0, v);
    }

    static void pop(CpuState s) {
        s.fpuTag |= 3 << (2 * s.fpuTop);
        s.fpuTop = (s.fpuTop + 1) & 7;
    }

    public static int statusWord(CpuState s) {
        return (s.fpuStatus & ~0x3800) | s.fpuTop << 11;
    }

    /** FNINIT state. */
    public static void init(CpuState s) {
        s.fpuControl = 0x37F;
        s.fpuStatus = 0;
        s.fpuTop = 0;
        s.fpuTag = 0xFFFF;
    }

    public static void exec(Cpu c, Insn in) {
        CpuState s = c.s;
        if (!usable(s)) {
            return;
        }
        if (in.ext < 0) {
            s.fpuTag = 0xFFFF; // EMMS
            return;
        }
        if (in.mem) {
            X87Memory.exec(c, in);
        } else {
            X87Registers.exec(c, in);
        }
    }

    /** FWAIT: #NM only when both CR0.MP and CR0.TS are set. */
    public static void fwait(Cpu c) {
        CpuState s = c.s;
        if ((s.cr0 & (CpuState.CR0_MP | CpuState.CR0_TS)) == (CpuState.CR0_MP | CpuState.CR0_TS)) {
            s.raise(7);
        }
    }

    /** Arithmetic by operation index (0 add, 1 mul, 4 sub, 5 subr, 6 div, 7 divr). */
    static double arith(int op, double a, double b) {
        return switch (op) {
            case 0 -> a + b;
            case 1 -> a * b;
            case 4 -> a - b;
            case 5 -> b - a;
            case 6 -> a / b;
            default -> b / a;
        };
    }

    /** Sets C3/C2/C0 from comparing {@code a} with {@code b}. */
    static void compare(CpuState s, double a, double b) {
        int cc;
        if (Double.isNaN(a) || Double.isNaN(b)) {
            cc = C3 | C2 | C0;
        } else if (a < b) {
            cc = C0;
        } else if (a == b) {
            cc = C3;
        } else {
            cc = 0;
        }
        s.fpuStatus = (s.fpuStatus & ~(C3 | C2 | C1 | C0)) | cc;
    }

    /** Rounds per the control word's RC field (or truncates). */
    static double round(CpuState s, double v, boolean truncate) {
        int rc = truncate ? 3 : (s.fpuControl >>> 10) & 3;
        return switch (rc) {
            case 0 -> Math.rint(v);
            case 1 -> Math.floor(v);
            case 2 -> Math.ceil(v);
            default -> v < 0 ? Math.ceil(v) : Math.floor(v);
        };
    }

    /** The 2-bit tag of a physical register for FSTENV/FSAVE from its value. */
    static int fullTag(CpuState s, int phys) {
        if (((s.fpuTag >>> (2 * phys)) & 3) == 3) {
            return 3;
        }
        double v = s.st[phys];
        return v == 0 ? 1 : Double.isNaN(v) || Double.isInfinite(v) ? 2 : 0;
    }

    public static void fxsave(Cpu c, Insn in) {
        FxSave.save(c, in);
    }

    public static void fxrstor(Cpu c, Insn in) {
        FxSave.restore(c, in);
    }
}
