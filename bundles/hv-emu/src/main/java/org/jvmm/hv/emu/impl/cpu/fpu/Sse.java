package org.jvmm.hv.emu.impl.cpu.fpu;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.exec.Operands;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;

/**
 * SSE/SSE2 execution over {@link CpuState#xmm}: operand access and the moves; packed integer
 * operations are in {@link SseInt}, floating point in {@link SseFloat}. {@code ext} is
 * {@code prefix << 8 | opcode} (prefix 0 none, 1 66, 2 F3, 3 F2).
 */
public final class Sse {

    private Sse() {
    }

    /** #UD without CR4.OSFXSR or with CR0.EM, #NM with CR0.TS; true when SSE may run. */
    static boolean usable(CpuState s) {
        if ((s.cr4 & CpuState.CR4_OSFXSR) == 0 || (s.cr0 & CpuState.CR0_EM) != 0) {
            s.raise(6);
            return false;
        }
        if ((s.cr0 & CpuState.CR0_TS) != 0) {
            s.raise(7);
            return false;
        }
        return true;
    }

    // ---- operand access ----

    /** Loads the 128-bit r/m source into tmpLo/tmpHi; false after a fault. */
    static boolean src(Cpu c, Insn in, boolean aligned) {
        CpuState s = c.s;
        if (!in.mem) {
            s.tmpLo = s.xmm[2 * in.rm];
            s.tmpHi = s.xmm[2 * in.rm + 1];
            return true;
        }
        long ea = Operands.ea(s, in);
        if (aligned && (ea & 15) != 0) {
            s.raise(13, 0);
            return false;
        }
        long lo = c.mmu.rd64(ea);
        long hi = c.mmu.rd64(ea + 8);
        if (s.faulted()) {
            return false;
        }
        s.tmpLo = lo;
        s.tmpHi = hi;
        return true;
    }

    /** Loads the low 64 (or 32) bits of the r/m source into tmpLo. */
    static boolean srcLow(Cpu c, Insn in, int size) {
        CpuState s = c.s;
        if (!in.mem) {
            long v = s.xmm[2 * in.rm];
            s.tmpLo = size == 8 ? v : v & 0xFFFF_FFFFL;
            return true;
        }
        long v = c.mmu.read(Operands.ea(s, in), size);
        if (s.faulted()) {
            return false;
        }
        s.tmpLo = v;
        return true;
    }

    /** Writes 128 bits to the r/m destination. */
    static void store(Cpu c, Insn in, long lo, long hi, boolean aligned) {
        CpuState s = c.s;
        if (!in.mem) {
            s.xmm[2 * in.rm] = lo;
            s.xmm[2 * in.rm + 1] = hi;
            return;
        }
        long ea = Operands.ea(s, in);
        if (aligned && (ea & 15) != 0) {
            s.raise(13, 0);
            return;
        }
        Mmu mmu = c.mmu;
        if (mmu.hostForWrite(ea, 16) == -1) {
            return;
        }
        mmu.wr64(ea, lo);
        mmu.wr64(ea + 8, hi);
    }

    static void set(CpuState s, int x, long lo, long hi) {
        s.xmm[2 * x] = lo;
        s.xmm[2 * x + 1] = hi;
    }

    // ---- dispatch ----

    public static void exec(Cpu c, Insn in) {
        CpuState s = c.s;
        if (!usable(s)) {
            return;
        }
        int e = in.ext;
        if (!moves(c, in, e) && !SseInt.exec(c, in, e) && !SseFloat.exec(c, in, e)) {
            s.raise(6);
        }
    }

    /** The data movement instructions; false when {@code e} is not one of them. */
    private static boolean moves(Cpu c, Insn in, int e) {
        CpuState s = c.s;
        long[] x = s.xmm;
        int d = 2 * in.reg;
        switch (e) {
            case 0x010, 0x110, 0x26F, 0x028, 0x128, 0x16F, 0x3F0 -> {
                boolean aligned = e == 0x028 || e == 0x128 || e == 0x16F;
                if (src(c, in, aligned)) {
                    set(s, in.reg, s.tmpLo, s.tmpHi);
                }
            }
            case 0x011, 0x111, 0x27F, 0x029, 0x129, 0x17F, 0x02B, 0x12B, 0x1E7 -> {
                boolean aligned = e != 0x011 && e != 0x111 && e != 0x27F;
                store(c, in, x[d], x[d + 1], aligned);
            }
            case 0x210, 0x310 -> {
                int size = e == 0x210 ? 4 : 8;
                if (!srcLow(c, in, size)) {
                    return true;
                }
                long keep = size == 4 ? x[d] & 0xFFFF_FFFF_0000_0000L : 0;
                x[d] = in.mem ? s.tmpLo : keep | s.tmpLo;
                if (in.mem) {
                    x[d + 1] = 0;
                }
            }
            case 0x211, 0x311 -> storeLow(c, in, e == 0x211 ? 4 : 8, x[d]);
            case 0x012, 0x112 -> {
                if (in.mem) {
                    if (srcLow(c, in, 8)) {
                        x[d] = s.tmpLo;
                    }
                } else if (e == 0x012) {
                    x[d] = x[2 * in.rm + 1];
                } else {
                    s.raise(6);
                }
            }
            case 0x016, 0x116 -> {
                if (in.mem) {
                    if (srcLow(c, in, 8)) {
                        x[d + 1] = s.tmpLo;
                    }
                } else if (e == 0x016) {
                    x[d + 1] = x[2 * in.rm];
                } else {
                    s.raise(6);
                }
            }
            case 0x013, 0x113, 0x017, 0x117 -> {
                if (!in.mem) {
                    s.raise(6);
                } else {
                    c.mmu.wr64(Operands.ea(s, in), (e & 0xFF) == 0x13 ? x[d] : x[d + 1]);
                }
            }
            case 0x312 -> {
                if (srcLow(c, in, 8)) {
                    set(s, in.reg, s.tmpLo, s.tmpLo);
                }
            }
            case 0x212, 0x216 -> {
                if (src(c, in, true)) {
                    long a = e == 0x212 ? s.tmpLo & 0xFFFF_FFFFL : s.tmpLo >>> 32;
                    long b = e == 0x212 ? s.tmpHi & 0xFFFF_FFFFL : s.tmpHi >>> 32;
                    set(s, in.reg, a | a << 32, b | b << 32);
                }
            }
            case 0x16E -> {
                long v = Operands.readRm(c, in);
                if (!s.faulted()) {
                    set(s, in.reg, v, 0);
                }
            }
            case 0x17E -> Operands.writeRm(c, in, x[d]);
            case 0x27E -> {
                if (srcLow(c, in, 8)) {
                    set(s, in.reg, s.tmpLo, 0);
                }
            }
            case 0x1D6 -> {
                if (in.mem) {
                    c.mmu.wr64(Operands.ea(s, in), x[d]);
                } else {
                    set(s, in.rm, x[d], 0);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** MOVSS/MOVSD stores: memory gets the low element, a register merges it. */
    private static void storeLow(Cpu c, Insn in, int size, long v) {
        CpuState s = c.s;
        if (in.mem) {
            c.mmu.write(Operands.ea(s, in), size, v);
            return;
        }
        int r = 2 * in.rm;
        s.xmm[r] = size == 8 ? v : (s.xmm[r] & 0xFFFF_FFFF_0000_0000L) | (v & 0xFFFF_FFFFL);
    }

    public static void ldmxcsr(Cpu c, Insn in) {
        CpuState s = c.s;
        if (!usable(s)) {
            return;
        }
        long v = c.mmu.rd32(Operands.ea(s, in));
        if (s.faulted()) {
            return;
        }
        if ((v & ~0xFFFFL) != 0) {
            s.raise(13, 0);
            return;
        }
        s.mxcsr = (int) v;
    }

    public static void stmxcsr(Cpu c, Insn in) {
        CpuState s = c.s;
        if (usable(s)) {
            c.mmu.wr32(Operands.ea(s, in), s.mxcsr);
        }
    }
}
