package org.jvmm.hv.emu.impl.cpu.fpu;

import static org.jvmm.hv.emu.impl.cpu.fpu.SseFloat.bits;
import static org.jvmm.hv.emu.impl.cpu.fpu.SseFloat.d;
import static org.jvmm.hv.emu.impl.cpu.fpu.SseFloat.f;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.exec.Operands;

/** SSE conversions between integers, singles and doubles (CVT*, CVTT*). */
final class SseConvert {

    private SseConvert() {
    }

    /** Rounds per MXCSR.RC (or truncates). */
    static double round(CpuState s, double v, boolean truncate) {
        int rc = truncate ? 3 : (s.mxcsr >>> 13) & 3;
        return switch (rc) {
            case 0 -> Math.rint(v);
            case 1 -> Math.floor(v);
            case 2 -> Math.ceil(v);
            default -> v < 0 ? Math.ceil(v) : Math.floor(v);
        };
    }

    /** Converts to a signed integer of {@code size} bytes; NaN and out of range give the indefinite value. */
    static long toInt(CpuState s, double v, int size, boolean truncate) {
        double r = round(s, v, truncate);
        if (size == 4) {
            return Double.isNaN(r) || r < -2147483648.0 || r > 2147483647.0 ? 0x8000_0000L : (long) r & 0xFFFF_FFFFL;
        }
        return Double.isNaN(r) || r < -9.223372036854775808E18 || r >= 9.223372036854775808E18 ? Long.MIN_VALUE
                : (long) r;
    }

    static boolean exec(Cpu c, Insn in, int pfx, int op) {
        CpuState s = c.s;
        long[] x = s.xmm;
        int dst = 2 * in.reg;
        switch (op << 2 | pfx) {
            case 0x2A << 2 | 2, 0x2A << 2 | 3 -> {
                long v = Operands.readRm(c, in);
                if (s.faulted()) {
                    return true;
                }
                long n = in.osz == 8 ? v : (int) v;
                if (pfx == 2) {
                    x[dst] = (x[dst] & 0xFFFF_FFFF_0000_0000L) | bits((float) n);
                } else {
                    x[dst] = bits((double) n);
                }
            }
            case 0x2C << 2 | 2, 0x2D << 2 | 2, 0x2C << 2 | 3, 0x2D << 2 | 3 -> {
                boolean dbl = pfx == 3;
                if (!Sse.srcLow(c, in, dbl ? 8 : 4)) {
                    return true;
                }
                double v = dbl ? d(s.tmpLo) : f(s.tmpLo);
                Operands.setReg(s.r, in.reg, in.osz, toInt(s, v, in.osz, op == 0x2C));
            }
            case 0x5A << 2 | 2 -> {
                if (Sse.srcLow(c, in, 4)) {
                    x[dst] = bits((double) f(s.tmpLo));
                }
            }
            case 0x5A << 2 | 3 -> {
                if (Sse.srcLow(c, in, 8)) {
                    x[dst] = (x[dst] & 0xFFFF_FFFF_0000_0000L) | bits((float) d(s.tmpLo));
                }
            }
            case 0x5A << 2 -> {
                if (Sse.srcLow(c, in, 8)) {
                    long v = s.tmpLo;
                    Sse.set(s, in.reg, bits((double) f(v)), bits((double) f(v >>> 32)));
                }
            }
            case 0x5A << 2 | 1 -> {
                if (Sse.src(c, in, true)) {
                    Sse.set(s, in.reg, bits((float) d(s.tmpLo)) | bits((float) d(s.tmpHi)) << 32, 0);
                }
            }
            case 0x5B << 2 -> {
                if (Sse.src(c, in, true)) {
                    Sse.set(s, in.reg, intsToFloats(s.tmpLo), intsToFloats(s.tmpHi));
                }
            }
            case 0x5B << 2 | 1, 0x5B << 2 | 2 -> {
                if (Sse.src(c, in, true)) {
                    boolean t = pfx == 2;
                    Sse.set(s, in.reg, floatsToInts(s, s.tmpLo, t), floatsToInts(s, s.tmpHi, t));
                }
            }
            case 0xE6 << 2 | 2 -> {
                if (Sse.srcLow(c, in, 8)) {
                    long v = s.tmpLo;
                    Sse.set(s, in.reg, bits((double) (int) v), bits((double) (int) (v >>> 32)));
                }
            }
            case 0xE6 << 2 | 1, 0xE6 << 2 | 3 -> {
                if (Sse.src(c, in, true)) {
                    boolean t = pfx == 1;
                    long lo = toInt(s, d(s.tmpLo), 4, t) | toInt(s, d(s.tmpHi), 4, t) << 32;
                    Sse.set(s, in.reg, lo, 0);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static long intsToFloats(long v) {
        return bits((float) (int) v) | bits((float) (int) (v >>> 32)) << 32;
    }

    private static long floatsToInts(CpuState s, long v, boolean truncate) {
        return toInt(s, f(v), 4, truncate) | toInt(s, f(v >>> 32), 4, truncate) << 32;
    }
}
