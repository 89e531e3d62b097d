package org.jvmm.hv.emu.impl.vp;

import java.nio.ByteBuffer;

/**
 * The x87 80-bit extended format (64-bit significand with explicit integer bit, 15-bit exponent,
 * sign) to and from {@code double}. Doubles convert exactly; extended values round to nearest even.
 */
final class Extended80 {
    private static final int BIAS80 = 16383, BIAS64 = 1023;

    private Extended80() {
    }

    static void write(ByteBuffer b, int at, double v) {
        long bits = Double.doubleToRawLongBits(v);
        int sign = (int) (bits >>> 63) << 15;
        int exp = (int) (bits >>> 52) & 0x7FF;
        long frac = bits & 0xF_FFFF_FFFF_FFFFL;
        long mant;
        int e;
        if (exp == 0x7FF) {
            e = 0x7FFF;
            mant = 1L << 63 | frac << 11;
        } else if (exp == 0) {
            if (frac == 0) {
                e = 0;
                mant = 0;
            } else {
                int shift = Long.numberOfLeadingZeros(frac);
                mant = frac << shift;
                e = BIAS80 + 63 - shift - 1074;
            }
        } else {
            e = exp - BIAS64 + BIAS80;
            mant = 1L << 63 | frac << 11;
        }
        b.putLong(at, mant);
        b.putShort(at + 8, (short) (sign | e));
    }

    static double read(ByteBuffer b, int at) {
        long mant = b.getLong(at);
        int se = b.getShort(at + 8) & 0xFFFF;
        boolean negative = (se & 0x8000) != 0;
        int e = se & 0x7FFF;
        double v;
        if (e == 0x7FFF) {
            long frac = mant << 1 >>> 12;
            v = (mant << 1) == 0 ? Double.POSITIVE_INFINITY
                    : Double.longBitsToDouble(0x7FF0_0000_0000_0000L | (frac == 0 ? 1L << 51 : frac));
        } else if (mant == 0) {
            v = 0;
        } else {
            long hi = mant >>> 11;
            long rest = mant & 0x7FF;
            if (rest > 0x400 || rest == 0x400 && (hi & 1) != 0) {
                hi++;
            }
            int unbiased = (e == 0 ? 1 : e) - BIAS80;
            v = Math.scalb((double) hi, unbiased - 52);
        }
        return negative ? -v : v;
    }
}
