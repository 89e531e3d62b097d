package org.jvmm.hv.emu.impl.cpu.fpu;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.exec.Operands;

/**
 * SSE/SSE2/SSE3 floating point: packed and scalar single/double arithmetic, logic, compares,
 * shuffles and conversions. Exceptions are always masked (no #XM); rounding follows MXCSR.RC for
 * conversions and round-to-nearest for arithmetic.
 */
final class SseFloat {

    private static final int ADD = 0x58, MUL = 0x59, SUB = 0x5C, MIN = 0x5D, DIV = 0x5E, MAX = 0x5F, SQRT = 0x51,
            RSQRT = 0x52, RCP = 0x53;

    private SseFloat() {
    }

    static boolean exec(Cpu c, Insn in, int e) {
        int pfx = e >> 8;
        int op = e & 0xFF;
        switch (op) {
            case 0x51, 0x58, 0x59, 0x5C, 0x5D, 0x5E, 0x5F -> arith(c, in, pfx, op);
            case 0x52, 0x53 -> {
                if (pfx == 1 || pfx == 3) {
                    return false;
                }
                arith(c, in, pfx, op);
            }
            case 0x54, 0x55, 0x56, 0x57 -> {
                if (pfx > 1) {
                    return false;
                }
                logic(c, in, op);
            }
            case 0x14, 0x15, 0xC6, 0x7C, 0x7D, 0xD0 -> {
                return SseShuffle.exec(c, in, pfx, op);
            }
            case 0x50 -> {
                if (pfx > 1) {
                    return false;
                }
                long[] x = c.s.xmm;
                int r = 2 * in.rm;
                int m = pfx == 0 ? (int) ((x[r] >>> 31) & 1 | (x[r] >>> 62) & 2 | (x[r + 1] >>> 29) & 4
                        | (x[r + 1] >>> 60) & 8) : (int) ((x[r] >>> 63) | (x[r + 1] >>> 63) << 1);
                Operands.setReg(c.s.r, in.reg, 4, m);
            }
            case 0x2E, 0x2F -> {
                if (pfx > 1) {
                    return false;
                }
                compareFlags(c, in, pfx == 1);
            }
            case 0xC2 -> compare(c, in, pfx);
            case 0x2A, 0x2C, 0x2D, 0x5A, 0x5B, 0xE6 -> {
                return SseConvert.exec(c, in, pfx, op);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    static float f(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    static long bits(float v) {
        return Float.floatToRawIntBits(v) & 0xFFFF_FFFFL;
    }

    static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    /** x86 NaN rules: a NaN source propagates (the first one, quieted); an invalid operation gives the default NaN. */
    private static double apply(int op, double a, double b) {
        if (op != MIN && op != MAX) {
            boolean aNan = Double.isNaN(a) && op != SQRT && op != RSQRT && op != RCP;
            if (aNan || Double.isNaN(b)) {
                long nan = Double.doubleToRawLongBits(aNan ? a : b) | 0x0008_0000_0000_0000L;
                return Double.longBitsToDouble(nan);
            }
        }
        double r = switch (op) {
            case ADD -> a + b;
            case MUL -> a * b;
            case SUB -> a - b;
            case DIV -> a / b;
            case MIN -> a < b ? a : b;
            case MAX -> a > b ? a : b;
            case SQRT -> Math.sqrt(b);
            case RSQRT -> 1.0 / Math.sqrt(b);
            default -> 1.0 / b;
        };
        return Double.isNaN(r) && op != MIN && op != MAX ? Double.longBitsToDouble(0xFFF8_0000_0000_0000L) : r;
    }

    private static float apply(int op, float a, float b) {
        if (op != MIN && op != MAX) {
            boolean aNan = Float.isNaN(a) && op != SQRT && op != RSQRT && op != RCP;
            if (aNan || Float.isNaN(b)) {
                return Float.intBitsToFloat(Float.floatToRawIntBits(aNan ? a : b) | 0x0040_0000);
            }
        }
        float r = switch (op) {
            case ADD -> a + b;
            case MUL -> a * b;
            case SUB -> a - b;
            case DIV -> a / b;
            case MIN -> a < b ? a : b;
            case MAX -> a > b ? a : b;
            case SQRT -> (float) Math.sqrt(b);
            case RSQRT -> (float) (1.0 / Math.sqrt(b));
            default -> 1.0f / b;
        };
        return Float.isNaN(r) && op != MIN && op != MAX ? Float.intBitsToFloat(0xFFC0_0000) : r;
    }

    /** Two floats packed in a quadword. */
    private static long pair(int op, long a, long b) {
        long lo = bits(apply(op, f(a), f(b)));
        long hi = bits(apply(op, f(a >>> 32), f(b >>> 32)));
        return lo | hi << 32;
    }

    private static void arith(Cpu c, Insn in, int pfx, int op) {
        CpuState s = c.s;
        long[] x = s.xmm;
        int d = 2 * in.reg;
        switch (pfx) {
            case 0 -> {
                if (Sse.src(c, in, true)) {
                    x[d] = pair(op, x[d], s.tmpLo);
                    x[d + 1] = pair(op, x[d + 1], s.tmpHi);
                }
            }
            case 1 -> {
                if (Sse.src(c, in, true)) {
                    x[d] = bits(apply(op, d(x[d]), d(s.tmpLo)));
                    x[d + 1] = bits(apply(op, d(x[d + 1]), d(s.tmpHi)));
                }
            }
            case 2 -> {
                if (Sse.srcLow(c, in, 4)) {
                    x[d] = (x[d] & 0xFFFF_FFFF_0000_0000L) | bits(apply(op, f(x[d]), f(s.tmpLo)));
                }
            }
            default -> {
                if (Sse.srcLow(c, in, 8)) {
                    x[d] = bits(apply(op, d(x[d]), d(s.tmpLo)));
                }
            }
        }
    }

    private static void logic(Cpu c, Insn in, int op) {
        CpuState s = c.s;
        if (!Sse.src(c, in, true)) {
            return;
        }
        long[] x = s.xmm;
        int d = 2 * in.reg;
        long a0 = x[d];
        long a1 = x[d + 1];
        long b0 = s.tmpLo;
        long b1 = s.tmpHi;
        switch (op) {
            case 0x54 -> Sse.set(s, in.reg, a0 & b0, a1 & b1);
            case 0x55 -> Sse.set(s, in.reg, ~a0 & b0, ~a1 & b1);
            case 0x56 -> Sse.set(s, in.reg, a0 | b0, a1 | b1);
            default -> Sse.set(s, in.reg, a0 ^ b0, a1 ^ b1);
        }
    }

    /** COMISS/UCOMISS/COMISD/UCOMISD: ZF, PF, CF from the comparison; OF, SF, AF cleared. */
    private static void compareFlags(Cpu c, Insn in, boolean dbl) {
        CpuState s = c.s;
        if (!Sse.srcLow(c, in, dbl ? 8 : 4)) {
            return;
        }
        long a = s.xmm[2 * in.reg];
        double x = dbl ? d(a) : f(a);
        double y = dbl ? d(s.tmpLo) : f(s.tmpLo);
        long flags;
        if (Double.isNaN(x) || Double.isNaN(y)) {
            flags = Flags.ZF | Flags.PF | Flags.CF;
        } else if (x < y) {
            flags = Flags.CF;
        } else if (x == y) {
            flags = Flags.ZF;
        } else {
            flags = 0;
        }
        Flags.setArith(s, flags);
    }

    static boolean predicate(int p, double a, double b) {
        boolean unordered = Double.isNaN(a) || Double.isNaN(b);
        return switch (p & 7) {
            case 0 -> a == b;
            case 1 -> a < b;
            case 2 -> a <= b;
            case 3 -> unordered;
            case 4 -> !(a == b);
            case 5 -> !(a < b);
            case 6 -> !(a <= b);
            default -> !unordered;
        };
    }

    private static long cmpPair(int p, long a, long b) {
        long lo = predicate(p, f(a), f(b)) ? 0xFFFF_FFFFL : 0;
        long hi = predicate(p, f(a >>> 32), f(b >>> 32)) ? 0xFFFF_FFFFL : 0;
        return lo | hi << 32;
    }

    private static void compare(Cpu c, Insn in, int pfx) {
        CpuState s = c.s;
        long[] x = s.xmm;
        int d = 2 * in.reg;
        int p = (int) in.imm;
        switch (pfx) {
            case 0 -> {
                if (Sse.src(c, in, true)) {
                    x[d] = cmpPair(p, x[d], s.tmpLo);
                    x[d + 1] = cmpPair(p, x[d + 1], s.tmpHi);
                }
            }
            case 1 -> {
                if (Sse.src(c, in, true)) {
                    x[d] = predicate(p, d(x[d]), d(s.tmpLo)) ? -1L : 0;
                    x[d + 1] = predicate(p, d(x[d + 1]), d(s.tmpHi)) ? -1L : 0;
                }
            }
            case 2 -> {
                if (Sse.srcLow(c, in, 4)) {
                    long r = predicate(p, f(x[d]), f(s.tmpLo)) ? 0xFFFF_FFFFL : 0;
                    x[d] = (x[d] & 0xFFFF_FFFF_0000_0000L) | r;
                }
            }
            default -> {
                if (Sse.srcLow(c, in, 8)) {
                    x[d] = predicate(p, d(x[d]), d(s.tmpLo)) ? -1L : 0;
                }
            }
        }
    }
}
