package org.jvmm.hv.emu.impl.cpu.fpu;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.exec.Operands;

/** SSE2 packed integer instructions (66-prefixed forms; the MMX forms are not offered). */
final class SseInt {

    // element operations for {@link #lanes}
    private static final int ADD = 0, SUB = 1, ADDUS = 2, SUBUS = 3, ADDS = 4, SUBS = 5, CMPEQ = 6, CMPGT = 7,
            MINU = 8, MAXU = 9, MINS = 10, MAXS = 11, AVG = 12, MULLO = 13, MULHI = 14, MULHU = 15;

    private SseInt() {
    }

    static boolean exec(Cpu c, Insn in, int e) {
        if (e == 0x270 || e == 0x370) {
            shuffleWords(c, in, e == 0x270);
            return true;
        }
        if ((e >> 8) != 1) {
            return false;
        }
        CpuState s = c.s;
        int op = e & 0xFF;
        switch (op) {
            case 0x60, 0x61, 0x62, 0x6C, 0x68, 0x69, 0x6A, 0x6D, 0x63, 0x67, 0x6B,
                 0x64, 0x65, 0x66, 0x74, 0x75, 0x76, 0xD4, 0xD5, 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF,
                 0xE0, 0xE3, 0xE4, 0xE5, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF,
                 0xF4, 0xF5, 0xF6, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE,
                 0xD1, 0xD2, 0xD3, 0xE1, 0xE2, 0xF1, 0xF2, 0xF3 -> {
                if (!Sse.src(c, in, true)) {
                    return true;
                }
                binary(s, op, in.reg, s.tmpLo, s.tmpHi);
            }
            case 0x70 -> {
                if (Sse.src(c, in, true)) {
                    long lo = s.tmpLo;
                    long hi = s.tmpHi;
                    int imm = (int) in.imm;
                    long r0 = dword(lo, hi, imm & 3) | dword(lo, hi, (imm >> 2) & 3) << 32;
                    long r1 = dword(lo, hi, (imm >> 4) & 3) | dword(lo, hi, (imm >> 6) & 3) << 32;
                    Sse.set(s, in.reg, r0, r1);
                }
            }
            case 0x71, 0x72, 0x73 -> shiftImmediate(s, in, op);
            case 0xD7 -> {
                long[] x = s.xmm;
                int r = 2 * in.rm;
                int mask = msbBytes(x[r]) | msbBytes(x[r + 1]) << 8;
                Operands.setReg(s.r, in.reg, 4, mask);
            }
            case 0xC4 -> {
                long v = Operands.readRm(c, in, 2);
                if (!s.faulted()) {
                    int lane = (int) in.imm & 7;
                    int q = 2 * in.reg + (lane >> 2);
                    int sh = (lane & 3) * 16;
                    s.xmm[q] = (s.xmm[q] & ~(0xFFFFL << sh)) | (v & 0xFFFF) << sh;
                }
            }
            case 0xC5 -> {
                int lane = (int) in.imm & 7;
                long v = (s.xmm[2 * in.rm + (lane >> 2)] >>> ((lane & 3) * 16)) & 0xFFFF;
                Operands.setReg(s.r, in.reg, 4, v);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** PSHUFHW (high true) and PSHUFLW: shuffle the words of one quadword, copy the other. */
    private static void shuffleWords(Cpu c, Insn in, boolean high) {
        CpuState s = c.s;
        if (!Sse.src(c, in, true)) {
            return;
        }
        long q = high ? s.tmpHi : s.tmpLo;
        int imm = (int) in.imm;
        long r = 0;
        for (int i = 0; i < 4; i++) {
            r |= ((q >>> (16 * ((imm >> (2 * i)) & 3))) & 0xFFFF) << (16 * i);
        }
        if (high) {
            Sse.set(s, in.reg, s.tmpLo, r);
        } else {
            Sse.set(s, in.reg, r, s.tmpHi);
        }
    }

    static long dword(long lo, long hi, int i) {
        long q = i < 2 ? lo : hi;
        return (i & 1) == 0 ? q & 0xFFFF_FFFFL : q >>> 32;
    }

    static int msbBytes(long v) {
        int m = 0;
        for (int i = 0; i < 8; i++) {
            m |= (int) ((v >>> (8 * i + 7)) & 1) << i;
        }
        return m;
    }

    private static void binary(CpuState s, int op, int dst, long bLo, long bHi) {
        long[] x = s.xmm;
        long aLo = x[2 * dst];
        long aHi = x[2 * dst + 1];
        long rLo;
        long rHi;
        switch (op) {
            case 0xDB -> {
                rLo = aLo & bLo;
                rHi = aHi & bHi;
            }
            case 0xDF -> {
                rLo = ~aLo & bLo;
                rHi = ~aHi & bHi;
            }
            case 0xEB -> {
                rLo = aLo | bLo;
                rHi = aHi | bHi;
            }
            case 0xEF -> {
                rLo = aLo ^ bLo;
                rHi = aHi ^ bHi;
            }
            case 0xD4, 0xFB -> {
                rLo = op == 0xD4 ? aLo + bLo : aLo - bLo;
                rHi = op == 0xD4 ? aHi + bHi : aHi - bHi;
            }
            case 0xF4 -> {
                rLo = (aLo & 0xFFFF_FFFFL) * (bLo & 0xFFFF_FFFFL);
                rHi = (aHi & 0xFFFF_FFFFL) * (bHi & 0xFFFF_FFFFL);
            }
            case 0x60, 0x61, 0x62, 0x6C -> {
                int size = op == 0x6C ? 8 : 1 << (op - 0x60);
                rLo = interleave(aLo, bLo, size, false);
                rHi = interleave(aLo, bLo, size, true);
            }
            case 0x68, 0x69, 0x6A, 0x6D -> {
                int size = op == 0x6D ? 8 : 1 << (op - 0x68);
                rLo = interleave(aHi, bHi, size, false);
                rHi = interleave(aHi, bHi, size, true);
            }
            case 0x63, 0x67, 0x6B -> {
                rLo = pack(aLo, aHi, op);
                rHi = pack(bLo, bHi, op);
            }
            case 0xD1, 0xD2, 0xD3, 0xE1, 0xE2, 0xF1, 0xF2, 0xF3 -> {
                long count = Long.compareUnsigned(bLo, 64) > 0 ? 64 : bLo;
                int kind = op >> 4 == 0xD ? 0 : op >> 4 == 0xE ? 1 : 2;
                int size = 1 << (op & 3);
                rLo = shiftLanes(aLo, size, kind, (int) count);
                rHi = shiftLanes(aHi, size, kind, (int) count);
            }
            case 0xF5 -> {
                rLo = maddwd(aLo, bLo);
                rHi = maddwd(aHi, bHi);
            }
            case 0xF6 -> {
                rLo = sad(aLo, bLo);
                rHi = sad(aHi, bHi);
            }
            default -> {
                int size = laneSize(op);
                int kind = laneOp(op);
                rLo = lanes(aLo, bLo, size, kind);
                rHi = lanes(aHi, bHi, size, kind);
            }
        }
        x[2 * dst] = rLo;
        x[2 * dst + 1] = rHi;
    }

    private static int laneSize(int op) {
        return switch (op) {
            case 0x64, 0x74, 0xD8, 0xDA, 0xDC, 0xDE, 0xE0, 0xE8, 0xEC, 0xF8, 0xFC -> 1;
            case 0x65, 0x75, 0xD5, 0xD9, 0xDD, 0xE3, 0xE4, 0xE5, 0xE9, 0xEA, 0xED, 0xEE, 0xF9, 0xFD -> 2;
            default -> 4;
        };
    }

    private static int laneOp(int op) {
        return switch (op) {
            case 0xFC, 0xFD, 0xFE -> ADD;
            case 0xF8, 0xF9, 0xFA -> SUB;
            case 0xDC, 0xDD -> ADDUS;
            case 0xD8, 0xD9 -> SUBUS;
            case 0xEC, 0xED -> ADDS;
            case 0xE8, 0xE9 -> SUBS;
            case 0x74, 0x75, 0x76 -> CMPEQ;
            case 0x64, 0x65, 0x66 -> CMPGT;
            case 0xDA -> MINU;
            case 0xDE -> MAXU;
            case 0xEA -> MINS;
            case 0xEE -> MAXS;
            case 0xE0, 0xE3 -> AVG;
            case 0xD5 -> MULLO;
            case 0xE5 -> MULHI;
            default -> MULHU;
        };
    }

    /** Applies an element operation to each {@code size}-byte lane of two quadwords. */
    private static long lanes(long a, long b, int size, int kind) {
        int bits = size * 8;
        long m = (1L << bits) - 1;
        long r = 0;
        for (int sh = 0; sh < 64; sh += bits) {
            long x = (a >>> sh) & m;
            long y = (b >>> sh) & m;
            long sx = x << (64 - bits) >> (64 - bits);
            long sy = y << (64 - bits) >> (64 - bits);
            long v = switch (kind) {
                case ADD -> x + y;
                case SUB -> x - y;
                case ADDUS -> Math.min(x + y, m);
                case SUBUS -> Math.max(x - y, 0);
                case ADDS -> clampSigned(sx + sy, bits);
                case SUBS -> clampSigned(sx - sy, bits);
                case CMPEQ -> x == y ? m : 0;
                case CMPGT -> sx > sy ? m : 0;
                case MINU -> Math.min(x, y);
                case MAXU -> Math.max(x, y);
                case MINS -> Math.min(sx, sy);
                case MAXS -> Math.max(sx, sy);
                case AVG -> (x + y + 1) >>> 1;
                case MULLO -> sx * sy;
                case MULHI -> (sx * sy) >> bits;
                default -> (x * y) >>> bits;
            };
            r |= (v & m) << sh;
        }
        return r;
    }

    private static long clampSigned(long v, int bits) {
        long max = (1L << (bits - 1)) - 1;
        return Math.max(-max - 1, Math.min(max, v));
    }

    /** Interleaves the low (or high) halves of two quadwords' lanes: a0 b0 a1 b1 ... */
    private static long interleave(long a, long b, int size, boolean high) {
        if (size == 8) {
            return high ? b : a;
        }
        int bits = size * 8;
        long m = (1L << bits) - 1;
        int lanes = 32 / bits;
        int from = high ? lanes : 0;
        long r = 0;
        for (int i = 0; i < lanes; i++) {
            long x = (a >>> ((from + i) * bits)) & m;
            long y = (b >>> ((from + i) * bits)) & m;
            r |= x << (2 * i * bits) | y << ((2 * i + 1) * bits);
        }
        return r;
    }

    /** PACKSSWB (63), PACKUSWB (67), PACKSSDW (6B) of one 128-bit source into 64 bits. */
    private static long pack(long lo, long hi, int op) {
        boolean dwords = op == 0x6B;
        int inBits = dwords ? 32 : 16;
        int outBits = inBits / 2;
        long outMask = (1L << outBits) - 1;
        long r = 0;
        int n = 128 / inBits;
        for (int i = 0; i < n; i++) {
            long q = i < n / 2 ? lo : hi;
            int sh = (i % (n / 2)) * inBits;
            long v = (q >>> sh) << (64 - inBits) >> (64 - inBits);
            long clamped = op == 0x67 ? Math.max(0, Math.min(255, v)) : clampSigned(v, outBits);
            r |= (clamped & outMask) << (i * outBits);
        }
        return r;
    }

    /** Shifts each lane: kind 0 logical right, 1 arithmetic right, 2 left. */
    private static long shiftLanes(long a, int size, int kind, int count) {
        int bits = size * 8;
        long m = bits == 64 ? -1L : (1L << bits) - 1;
        long r = 0;
        for (int sh = 0; sh < 64; sh += bits) {
            long x = (a >>> sh) & m;
            long v;
            if (kind == 1) {
                long sx = x << (64 - bits) >> (64 - bits);
                v = sx >> Math.min(count, bits - 1);
            } else if (count >= bits) {
                v = 0;
            } else {
                v = kind == 0 ? x >>> count : x << count;
            }
            r |= (v & m) << sh;
        }
        return r;
    }

    private static long maddwd(long a, long b) {
        long r = 0;
        for (int i = 0; i < 2; i++) {
            long sum = 0;
            for (int j = 0; j < 2; j++) {
                int sh = (2 * i + j) * 16;
                sum += (long) (short) (a >>> sh) * (short) (b >>> sh);
            }
            r |= (sum & 0xFFFF_FFFFL) << (32 * i);
        }
        return r;
    }

    private static long sad(long a, long b) {
        long sum = 0;
        for (int i = 0; i < 64; i += 8) {
            sum += Math.abs(((a >>> i) & 0xFF) - ((b >>> i) & 0xFF));
        }
        return sum;
    }

    /** 66 0F 71/72/73 /n ib: lane shifts by an immediate and the byte shifts PSRLDQ/PSLLDQ. */
    private static void shiftImmediate(CpuState s, Insn in, int op) {
        if (in.mem) {
            s.raise(6);
            return;
        }
        int g = in.reg & 7;
        int count = (int) in.imm & 0xFF;
        long[] x = s.xmm;
        int r = 2 * in.rm;
        if (op == 0x73 && (g == 3 || g == 7)) {
            int bytes = Math.min(count, 16);
            long lo = x[r];
            long hi = x[r + 1];
            if (g == 3) {
                x[r] = shiftRight128(lo, hi, bytes * 8, false);
                x[r + 1] = shiftRight128(lo, hi, bytes * 8, true);
            } else {
                x[r] = shiftLeft128(lo, hi, bytes * 8, false);
                x[r + 1] = shiftLeft128(lo, hi, bytes * 8, true);
            }
            return;
        }
        int size = op == 0x71 ? 2 : op == 0x72 ? 4 : 8;
        int kind = switch (g) {
            case 2 -> 0;
            case 4 -> 1;
            case 6 -> 2;
            default -> -1;
        };
        if (kind < 0 || (size == 8 && kind == 1)) {
            s.raise(6);
            return;
        }
        x[r] = shiftLanes(x[r], size, kind, count);
        x[r + 1] = shiftLanes(x[r + 1], size, kind, count);
    }

    private static long shiftRight128(long lo, long hi, int bits, boolean wantHi) {
        if (bits >= 128) {
            return 0;
        }
        if (bits >= 64) {
            return wantHi ? 0 : hi >>> (bits - 64);
        }
        if (bits == 0) {
            return wantHi ? hi : lo;
        }
        return wantHi ? hi >>> bits : (lo >>> bits) | (hi << (64 - bits));
    }

    private static long shiftLeft128(long lo, long hi, int bits, boolean wantHi) {
        if (bits >= 128) {
            return 0;
        }
        if (bits >= 64) {
            return wantHi ? lo << (bits - 64) : 0;
        }
        if (bits == 0) {
            return wantHi ? hi : lo;
        }
        return wantHi ? (hi << bits) | (lo >>> (64 - bits)) : lo << bits;
    }
}
