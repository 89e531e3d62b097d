package org.jvmm.hv.emu.impl.cpu.exec;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;

/**
 * The {@code F_} operations: fixed-size forms of 64-bit code chosen at decode time. Register-register
 * forms have the destination in {@code rm} and the source in {@code reg}; memory forms use 64-bit
 * addressing with an optional FS/GS base.
 */
final class Fast {

    private static final long M32 = 0xFFFF_FFFFL;

    private Fast() {
    }

    static long ea64(CpuState s, Insn in) {
        long[] r = s.r;
        long a = in.disp;
        if (in.base >= 0) {
            a += r[in.base];
        }
        if (in.index >= 0) {
            a += r[in.index] << in.scale;
        }
        if (in.seg >= 0) {
            a += s.segBase[in.seg];
        }
        return a;
    }

    /** An ALU operation on 64-bit values; returns the result (CMP and TEST return {@code a}). */
    static long alu64(CpuState s, int kind, long a, long b) {
        long r;
        switch (kind) {
            case Alu.ADD -> {
                r = a + b;
                Flags.set(s, Flags.K_ADD, 3, a, b, r);
            }
            case Alu.SUB -> {
                r = a - b;
                Flags.set(s, Flags.K_SUB, 3, a, b, r);
            }
            case Alu.CMP -> {
                Flags.set(s, Flags.K_SUB, 3, a, b, a - b);
                return a;
            }
            case Alu.AND -> {
                r = a & b;
                Flags.set(s, Flags.K_LOGIC, 3, a, b, r);
            }
            case Alu.OR -> {
                r = a | b;
                Flags.set(s, Flags.K_LOGIC, 3, a, b, r);
            }
            case Alu.XOR -> {
                r = a ^ b;
                Flags.set(s, Flags.K_LOGIC, 3, a, b, r);
            }
            case Alu.TEST -> {
                Flags.set(s, Flags.K_LOGIC, 3, a, b, a & b);
                return a;
            }
            default -> r = Alu.alu(s, kind, 8, a, b);
        }
        return r;
    }

    /** The same on 32-bit values (inputs already zero-extended); the result is zero-extended. */
    static long alu32(CpuState s, int kind, long a, long b) {
        long r;
        switch (kind) {
            case Alu.ADD -> {
                r = a + b;
                Flags.set(s, Flags.K_ADD, 2, a, b, r);
            }
            case Alu.SUB -> {
                r = a - b;
                Flags.set(s, Flags.K_SUB, 2, a, b, r);
            }
            case Alu.CMP -> {
                Flags.set(s, Flags.K_SUB, 2, a, b, a - b);
                return a;
            }
            case Alu.AND -> {
                r = a & b;
                Flags.set(s, Flags.K_LOGIC, 2, a, b, r);
            }
            case Alu.OR -> {
                r = a | b;
                Flags.set(s, Flags.K_LOGIC, 2, a, b, r);
            }
            case Alu.XOR -> {
                r = a ^ b;
                Flags.set(s, Flags.K_LOGIC, 2, a, b, r);
            }
            case Alu.TEST -> {
                Flags.set(s, Flags.K_LOGIC, 2, a, b, a & b);
                return a;
            }
            default -> r = Alu.alu(s, kind, 4, a, b);
        }
        return r & M32;
    }

    static void alu64RR(CpuState s, Insn in) {
        long[] r = s.r;
        r[in.rm] = alu64(s, in.ext, r[in.rm], r[in.reg]);
    }

    static void alu32RR(CpuState s, Insn in) {
        long[] r = s.r;
        long v = alu32(s, in.ext, r[in.rm] & M32, r[in.reg] & M32);
        if (in.ext != Alu.CMP && in.ext != Alu.TEST) {
            r[in.rm] = v;
        }
    }

    static void alu64RI(CpuState s, Insn in) {
        long[] r = s.r;
        r[in.rm] = alu64(s, in.ext, r[in.rm], in.imm);
    }

    static void alu32RI(CpuState s, Insn in) {
        long[] r = s.r;
        long v = alu32(s, in.ext, r[in.rm] & M32, in.imm & M32);
        if (in.ext != Alu.CMP && in.ext != Alu.TEST) {
            r[in.rm] = v;
        }
    }

    static void alu64RM(Cpu c, Insn in) {
        CpuState s = c.s;
        long b = c.mmu.rd64(ea64(s, in));
        if (!s.faulted()) {
            s.r[in.reg] = alu64(s, in.ext, s.r[in.reg], b);
        }
    }

    static void alu32RM(Cpu c, Insn in) {
        CpuState s = c.s;
        long b = c.mmu.rd32(ea64(s, in));
        if (!s.faulted()) {
            long v = alu32(s, in.ext, s.r[in.reg] & M32, b);
            if (in.ext != Alu.CMP) {
                s.r[in.reg] = v;
            }
        }
    }

    static void load64(Cpu c, Insn in) {
        CpuState s = c.s;
        long v = c.mmu.rd64(ea64(s, in));
        if (!s.faulted()) {
            s.r[in.reg] = v;
        }
    }

    static void load32(Cpu c, Insn in) {
        CpuState s = c.s;
        long v = c.mmu.rd32(ea64(s, in));
        if (!s.faulted()) {
            s.r[in.reg] = v;
        }
    }

    static void store64(Cpu c, Insn in) {
        c.mmu.wr64(ea64(c.s, in), c.s.r[in.reg]);
    }

    static void store32(Cpu c, Insn in) {
        c.mmu.wr32(ea64(c.s, in), c.s.r[in.reg]);
    }

    /** SHL, SHR, SAR (ext 4..7) by a non-zero masked immediate count. */
    static void shift64(CpuState s, Insn in) {
        long[] r = s.r;
        long a = r[in.rm];
        int n = (int) in.imm;
        long v;
        boolean cf;
        boolean of;
        switch (in.ext) {
            case Shifts.SHR -> {
                v = a >>> n;
                cf = ((a >>> (n - 1)) & 1) != 0;
                of = a < 0;
            }
            case Shifts.SAR -> {
                v = a >> n;
                cf = ((a >> (n - 1)) & 1) != 0;
                of = false;
            }
            default -> {
                v = a << n;
                cf = ((a >>> (64 - n)) & 1) != 0;
                of = (v < 0) != cf;
            }
        }
        r[in.rm] = v;
        Flags.set(s, Flags.K_SHIFT, 3, 0, 0, v);
        s.lfAux = (cf ? Flags.CF : 0) | (of ? Flags.OF : 0);
    }

    static void shift32(CpuState s, Insn in) {
        long[] r = s.r;
        long a = r[in.rm] & M32;
        int n = (int) in.imm;
        long v;
        boolean cf;
        boolean of;
        switch (in.ext) {
            case Shifts.SHR -> {
                v = a >>> n;
                cf = ((a >>> (n - 1)) & 1) != 0;
                of = (a & 0x8000_0000L) != 0;
            }
            case Shifts.SAR -> {
                v = ((long) (int) a >> n) & M32;
                cf = (((long) (int) a >> (n - 1)) & 1) != 0;
                of = false;
            }
            default -> {
                v = (a << n) & M32;
                cf = ((a >>> (32 - n)) & 1) != 0;
                of = ((v & 0x8000_0000L) != 0) != cf;
            }
        }
        r[in.rm] = v;
        Flags.set(s, Flags.K_SHIFT, 2, 0, 0, v);
        s.lfAux = (cf ? Flags.CF : 0) | (of ? Flags.OF : 0);
    }

    static void imul64(CpuState s, Insn in) {
        long[] r = s.r;
        long a = r[in.reg];
        long b = r[in.rm];
        long lo = a * b;
        r[in.reg] = lo;
        Flags.set(s, Flags.K_MUL, 3, 0, 0, lo);
        s.lfAux = Math.multiplyHigh(a, b) != (lo >> 63) ? Flags.CF | Flags.OF : 0;
    }

    static void lea64(CpuState s, Insn in) {
        long[] r = s.r;
        long a = in.disp;
        if (in.base >= 0) {
            a += r[in.base];
        }
        if (in.index >= 0) {
            a += r[in.index] << in.scale;
        }
        r[in.reg] = a;
    }

    static void push64(Cpu c, Insn in) {
        CpuState s = c.s;
        long sp = s.r[4] - 8;
        c.mmu.wr64(sp, s.r[in.reg]);
        if (!s.faulted()) {
            s.r[4] = sp;
        }
    }

    static void pop64(Cpu c, Insn in) {
        CpuState s = c.s;
        long sp = s.r[4];
        long v = c.mmu.rd64(sp);
        if (!s.faulted()) {
            s.r[4] = sp + 8;
            s.r[in.reg] = v;
        }
    }

    static void call64(Cpu c, Insn in) {
        CpuState s = c.s;
        long sp = s.r[4] - 8;
        c.mmu.wr64(sp, in.nextRip);
        if (!s.faulted()) {
            s.r[4] = sp;
            s.rip = in.imm;
        }
    }

    static void ret64(Cpu c) {
        CpuState s = c.s;
        long sp = s.r[4];
        long t = c.mmu.rd64(sp);
        if (s.faulted()) {
            return;
        }
        if ((t << 16 >> 16) != t) {
            s.raise(13, 0);
            return;
        }
        s.r[4] = sp + 8;
        s.rip = t;
    }

    static void movzxb32(Cpu c, Insn in) {
        CpuState s = c.s;
        if (!in.mem) {
            s.r[in.reg] = s.r[in.rm] & 0xFF;
            return;
        }
        long v = c.mmu.rd8(ea64(s, in));
        if (!s.faulted()) {
            s.r[in.reg] = v;
        }
    }

    static void movsxd64(Cpu c, Insn in) {
        CpuState s = c.s;
        if (!in.mem) {
            s.r[in.reg] = (int) s.r[in.rm];
            return;
        }
        long v = c.mmu.rd32(ea64(s, in));
        if (!s.faulted()) {
            s.r[in.reg] = (int) v;
        }
    }

    /** INC (ext 0) and DEC (ext 1) of a 64-bit (size code 3) or 32-bit register; CF is kept. */
    static void incDec(CpuState s, Insn in, int sz) {
        long[] r = s.r;
        long a = sz == 3 ? r[in.rm] : r[in.rm] & M32;
        long cf = Flags.cf(s) ? 1 : 0;
        long v = in.ext == 0 ? a + 1 : a - 1;
        Flags.set(s, in.ext == 0 ? Flags.K_INC : Flags.K_DEC, sz, a, 1, v);
        s.lfAux = cf;
        r[in.rm] = sz == 3 ? v : v & M32;
    }
}
