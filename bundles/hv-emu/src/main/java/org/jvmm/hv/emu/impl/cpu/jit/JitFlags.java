package org.jvmm.hv.emu.impl.cpu.jit;

import static org.jvmm.hv.emu.impl.cpu.Flags.CF;
import static org.jvmm.hv.emu.impl.cpu.Flags.K_ADC;
import static org.jvmm.hv.emu.impl.cpu.Flags.K_ADD;
import static org.jvmm.hv.emu.impl.cpu.Flags.K_DEC;
import static org.jvmm.hv.emu.impl.cpu.Flags.K_INC;
import static org.jvmm.hv.emu.impl.cpu.Flags.K_LOGIC;
import static org.jvmm.hv.emu.impl.cpu.Flags.K_MUL;
import static org.jvmm.hv.emu.impl.cpu.Flags.K_NEG;
import static org.jvmm.hv.emu.impl.cpu.Flags.K_SBB;
import static org.jvmm.hv.emu.impl.cpu.Flags.K_SHIFT;
import static org.jvmm.hv.emu.impl.cpu.Flags.K_SUB;
import static org.jvmm.hv.emu.impl.cpu.Flags.OF;

/**
 * Flag evaluation for translated code, from the lazy-flag values it keeps in its locals rather than
 * in {@link org.jvmm.hv.emu.impl.cpu.CpuState}. Same meaning as {@link org.jvmm.hv.emu.impl.cpu.Flags}
 * for every kind translated code produces (never K_DIRECT or K_ROT). Called where {@link CondEmitter}
 * does not read a condition off the locals directly: an op known only at run time (after ADC/SBB),
 * overflow and parity. Also the carry/overflow auxiliary of a 64-bit IMUL.
 */
public final class JitFlags {

    private JitFlags() {
    }

    static long mask(int sz) {
        return sz == 3 ? -1L : (1L << (8 << sz)) - 1;
    }

    static long sign(int sz) {
        return 1L << ((8 << sz) - 1);
    }

    /** Condition code {@code cc} (0..15) after operation {@code op} (kind << 2 | size code). */
    public static boolean cond(int op, long a, long b, long res, long aux, int cc) {
        int kind = op >>> 2;
        boolean r;
        if (kind == K_SUB) {
            r = condSub(op & 3, cc >>> 1, a, b, res);
        } else if (kind == K_LOGIC) {
            r = condLogic(op & 3, cc >>> 1, res);
        } else {
            r = condOther(op, cc >>> 1, a, b, res, aux);
        }
        return r ^ ((cc & 1) != 0);
    }

    private static boolean condSub(int sz, int c, long a0, long b0, long res) {
        long m = mask(sz);
        long a = a0 & m;
        long b = b0 & m;
        int sh = 64 - (8 << sz);
        return switch (c) {
            case 0 -> ((a ^ b) & (a ^ res) & sign(sz)) != 0;
            case 1 -> Long.compareUnsigned(a, b) < 0;
            case 2 -> a == b;
            case 3 -> Long.compareUnsigned(a, b) <= 0;
            case 4 -> (res & sign(sz)) != 0;
            case 5 -> pf(res);
            case 6 -> a << sh < b << sh;
            default -> a << sh <= b << sh;
        };
    }

    private static boolean condLogic(int sz, int c, long res0) {
        long res = res0 & mask(sz);
        return switch (c) {
            case 0, 1 -> false;
            case 2, 3 -> res == 0;
            case 4, 6 -> (res & sign(sz)) != 0;
            case 5 -> pf(res);
            default -> res == 0 || (res & sign(sz)) != 0;
        };
    }

    private static boolean condOther(int op, int c, long a, long b, long res, long aux) {
        return switch (c) {
            case 0 -> of(op, a, b, res, aux);
            case 1 -> cf(op, a, b, res, aux);
            case 2 -> zf(op, res);
            case 3 -> cf(op, a, b, res, aux) || zf(op, res);
            case 4 -> sf(op, res);
            case 5 -> pf(res);
            case 6 -> sf(op, res) != of(op, a, b, res, aux);
            default -> zf(op, res) || sf(op, res) != of(op, a, b, res, aux);
        };
    }

    public static boolean cf(int op, long a, long b, long res, long aux) {
        long m = mask(op & 3);
        return switch (op >>> 2) {
            case K_ADD -> Long.compareUnsigned(res & m, a & m) < 0;
            case K_ADC -> Long.compareUnsigned(res & m, a & m) <= 0;
            case K_SUB -> Long.compareUnsigned(a & m, b & m) < 0;
            case K_SBB -> Long.compareUnsigned(a & m, b & m) <= 0;
            case K_INC, K_DEC -> aux != 0;
            case K_NEG -> (a & m) != 0;
            case K_SHIFT, K_MUL -> (aux & CF) != 0;
            default -> false;
        };
    }

    static boolean zf(int op, long res) {
        return (res & mask(op & 3)) == 0;
    }

    static boolean sf(int op, long res) {
        return (res & sign(op & 3)) != 0;
    }

    static boolean pf(long res) {
        return (Integer.bitCount((int) res & 0xFF) & 1) == 0;
    }

    static boolean of(int op, long a, long b, long res, long aux) {
        int sz = op & 3;
        long sign = sign(sz);
        return switch (op >>> 2) {
            case K_ADD, K_ADC -> ((a ^ res) & (b ^ res) & sign) != 0;
            case K_SUB, K_SBB -> ((a ^ b) & (a ^ res) & sign) != 0;
            case K_INC -> (res & mask(sz)) == sign;
            case K_DEC -> (res & mask(sz)) == sign - 1;
            case K_NEG -> (res & mask(sz)) == sign;
            case K_SHIFT, K_MUL -> (aux & OF) != 0;
            default -> false;
        };
    }

    /** lfAux of a 64-bit IMUL (CF and OF set when the high half is not the low half's sign). */
    public static long mulAux(long a, long b, long lo) {
        return Math.multiplyHigh(a, b) != (lo >> 63) ? CF | OF : 0;
    }
}
