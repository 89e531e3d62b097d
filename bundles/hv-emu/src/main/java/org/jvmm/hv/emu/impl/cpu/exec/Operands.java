package org.jvmm.hv.emu.impl.cpu.exec;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;

/** Register and memory operand access by operand size; stack pushes and pops. */
public final class Operands {

    private Operands() {
    }

    /** Reads a register at operand size (byte registers 16..19 are AH..BH), zero-extended. */
    public static long reg(long[] r, int reg, int osz) {
        return switch (osz) {
            case 8 -> r[reg];
            case 4 -> r[reg] & 0xFFFF_FFFFL;
            case 2 -> r[reg] & 0xFFFFL;
            default -> reg < 16 ? r[reg] & 0xFFL : (r[reg - 16] >>> 8) & 0xFFL;
        };
    }

    /** Writes a register at operand size: 32-bit writes zero-extend, 8/16-bit writes merge. */
    public static void setReg(long[] r, int reg, int osz, long v) {
        switch (osz) {
            case 8 -> r[reg] = v;
            case 4 -> r[reg] = v & 0xFFFF_FFFFL;
            case 2 -> r[reg] = (r[reg] & ~0xFFFFL) | (v & 0xFFFFL);
            default -> {
                if (reg < 16) {
                    r[reg] = (r[reg] & ~0xFFL) | (v & 0xFFL);
                } else {
                    r[reg - 16] = (r[reg - 16] & ~0xFF00L) | (v & 0xFFL) << 8;
                }
            }
        }
    }

    public static long mask(int osz) {
        return osz == 8 ? -1L : (1L << (osz * 8)) - 1;
    }

    /** Sign-extends the low {@code osz} bytes of {@code v}. */
    public static long sext(long v, int osz) {
        int sh = 64 - osz * 8;
        return v << sh >> sh;
    }

    /** Effective address of the memory operand, without segment base, at address size. */
    public static long offset(CpuState s, Insn in) {
        long a = in.disp;
        if (in.base >= 0) {
            a += s.r[in.base];
        }
        if (in.index >= 0) {
            a += s.r[in.index] << in.scale;
        }
        int asz = in.asz;
        if (asz != 8) {
            a &= asz == 4 ? 0xFFFF_FFFFL : 0xFFFFL;
        }
        return a;
    }

    /** Linear address of the memory operand. */
    public static long ea(CpuState s, Insn in) {
        long a = in.disp;
        if (in.base >= 0) {
            a += s.r[in.base];
        }
        if (in.index >= 0) {
            a += s.r[in.index] << in.scale;
        }
        int asz = in.asz;
        if (asz != 8) {
            a &= asz == 4 ? 0xFFFF_FFFFL : 0xFFFFL;
        }
        int seg = in.seg;
        if (seg >= 0) {
            a += s.segBase[seg];
            if (!s.long64) {
                a &= 0xFFFF_FFFFL;
            }
        }
        return a;
    }

    /** Linear address of {@code offset} in segment {@code seg} (-1: flat). */
    public static long linear(CpuState s, int seg, long offset) {
        if (seg < 0) {
            return offset;
        }
        long a = s.segBase[seg] + offset;
        return s.long64 ? a : a & 0xFFFF_FFFFL;
    }

    /** Reads the ModRM operand at {@code osz}; callers check {@link CpuState#faulted()}. */
    public static long readRm(Cpu c, Insn in, int osz) {
        if (!in.mem) {
            return reg(c.s.r, in.rm, osz);
        }
        return c.mmu.read(ea(c.s, in), osz);
    }

    public static long readRm(Cpu c, Insn in) {
        return readRm(c, in, in.osz);
    }

    /** Writes the ModRM operand at the instruction's operand size. */
    public static void writeRm(Cpu c, Insn in, long v) {
        if (!in.mem) {
            setReg(c.s.r, in.rm, in.osz, v);
        } else {
            c.mmu.write(ea(c.s, in), in.osz, v);
        }
    }

    // ---- stack ----

    /** Linear address of the stack at offset {@code sp}. */
    public static long stackLinear(CpuState s, long sp) {
        if (s.long64) {
            return sp;
        }
        return (s.segBase[CpuState.SS] + sp) & 0xFFFF_FFFFL;
    }

    private static long spMask(CpuState s) {
        int ss = s.stackSize;
        return ss == 8 ? -1L : ss == 4 ? 0xFFFF_FFFFL : 0xFFFFL;
    }

    /** Writes RSP at stack-pointer width. */
    public static void setSp(CpuState s, long sp) {
        int ss = s.stackSize;
        if (ss == 8) {
            s.r[4] = sp;
        } else if (ss == 4) {
            s.r[4] = sp & 0xFFFF_FFFFL;
        } else {
            s.r[4] = (s.r[4] & ~0xFFFFL) | (sp & 0xFFFFL);
        }
    }

    /** Pushes {@code size} bytes; false (and RSP unchanged) after a fault. */
    public static boolean push(Cpu c, long v, int size) {
        CpuState s = c.s;
        long sp = (s.r[4] - size) & spMask(s);
        c.mmu.write(stackLinear(s, sp), size, v);
        if (s.faulted()) {
            return false;
        }
        setSp(s, sp);
        return true;
    }

    /** Reads the stack top at {@code size} without popping; callers check for faults. */
    public static long peek(Cpu c, int size, int offset) {
        CpuState s = c.s;
        long sp = (s.r[4] + offset) & spMask(s);
        return c.mmu.read(stackLinear(s, sp), size);
    }

    /** RSP after popping {@code bytes}. */
    public static long spAfter(CpuState s, long bytes) {
        return (s.r[4] + bytes) & spMask(s);
    }

    /** Pops {@code size} bytes; after a fault returns 0 and RSP is unchanged. */
    public static long pop(Cpu c, int size) {
        CpuState s = c.s;
        long v = c.mmu.read(stackLinear(s, s.r[4] & spMask(s)), size);
        if (s.faulted()) {
            return 0;
        }
        setSp(s, s.r[4] + size);
        return v;
    }
}
