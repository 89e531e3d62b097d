package org.jvmm.hv.emu.impl.cpu.fpu;

import static org.jvmm.hv.emu.impl.cpu.fpu.SseFloat.bits;
import static org.jvmm.hv.emu.impl.cpu.fpu.SseFloat.d;
import static org.jvmm.hv.emu.impl.cpu.fpu.SseFloat.f;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;

/** UNPCKL/HPS/PD, SHUFPS/PD and the SSE3 horizontal/alternating HADD, HSUB, ADDSUB. */
final class SseShuffle {

    private SseShuffle() {
    }

    static boolean exec(Cpu c, Insn in, int pfx, int op) {
        CpuState s = c.s;
        boolean sse3 = op == 0x7C || op == 0x7D || op == 0xD0;
        if (sse3 ? pfx != 1 && pfx != 3 : pfx > 1) {
            return false;
        }
        if (!Sse.src(c, in, true)) {
            return true;
        }
        long[] x = s.xmm;
        int d = 2 * in.reg;
        long a0 = x[d];
        long a1 = x[d + 1];
        long b0 = s.tmpLo;
        long b1 = s.tmpHi;
        boolean pd = pfx == 1;
        switch (op) {
            case 0x14 -> {
                if (pd) {
                    Sse.set(s, in.reg, a0, b0);
                } else {
                    Sse.set(s, in.reg, lo32(a0) | lo32(b0) << 32, (a0 >>> 32) | hi32(b0));
                }
            }
            case 0x15 -> {
                if (pd) {
                    Sse.set(s, in.reg, a1, b1);
                } else {
                    Sse.set(s, in.reg, lo32(a1) | lo32(b1) << 32, (a1 >>> 32) | hi32(b1));
                }
            }
            case 0xC6 -> {
                int imm = (int) in.imm;
                if (pd) {
                    Sse.set(s, in.reg, (imm & 1) == 0 ? a0 : a1, (imm & 2) == 0 ? b0 : b1);
                } else {
                    long r0 = SseInt.dword(a0, a1, imm & 3) | SseInt.dword(a0, a1, (imm >> 2) & 3) << 32;
                    long r1 = SseInt.dword(b0, b1, (imm >> 4) & 3) | SseInt.dword(b0, b1, (imm >> 6) & 3) << 32;
                    Sse.set(s, in.reg, r0, r1);
                }
            }
            case 0x7C, 0x7D -> {
                boolean add = op == 0x7C;
                if (pd) {
                    Sse.set(s, in.reg, bits(hop(add, d(a0), d(a1))), bits(hop(add, d(b0), d(b1))));
                } else {
                    long r0 = bits(hop(add, f(a0), f(a0 >>> 32))) | bits(hop(add, f(a1), f(a1 >>> 32))) << 32;
                    long r1 = bits(hop(add, f(b0), f(b0 >>> 32))) | bits(hop(add, f(b1), f(b1 >>> 32))) << 32;
                    Sse.set(s, in.reg, r0, r1);
                }
            }
            default -> {
                if (pd) {
                    Sse.set(s, in.reg, bits(d(a0) - d(b0)), bits(d(a1) + d(b1)));
                } else {
                    long r0 = bits(f(a0) - f(b0)) | bits(f(a0 >>> 32) + f(b0 >>> 32)) << 32;
                    long r1 = bits(f(a1) - f(b1)) | bits(f(a1 >>> 32) + f(b1 >>> 32)) << 32;
                    Sse.set(s, in.reg, r0, r1);
                }
            }
        }
        return true;
    }

    private static long lo32(long v) {
        return v & 0xFFFF_FFFFL;
    }

    private static long hi32(long v) {
        return v & 0xFFFF_FFFF_0000_0000L;
    }

    private static double hop(boolean add, double a, double b) {
        return add ? a + b : a - b;
    }

    private static float hop(boolean add, float a, float b) {
        return add ? a + b : a - b;
    }
}
