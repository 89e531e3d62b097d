package org.jvmm.hv.emu.impl.cpu.fpu;

/** Conversion between doubles and the x87 80-bit extended format (64-bit mantissa, explicit integer bit). */
final class Extended {

    private Extended() {
    }

    /** The 80-bit encoding of {@code v}: low 64 bits are the mantissa, {@code high16} the sign/exponent. */
    static long mantissa(double v) {
        long b = Double.doubleToRawLongBits(v);
        int exp = (int) (b >>> 52) & 0x7FF;
        long frac = b & 0x000F_FFFF_FFFF_FFFFL;
        if (exp == 0) {
            if (frac == 0) {
                return 0;
            }
            int shift = Long.numberOfLeadingZeros(frac);
            return frac << shift;
        }
        if (exp == 0x7FF) {
            return frac == 0 ? Long.MIN_VALUE : Long.MIN_VALUE | 0x4000_0000_0000_0000L | frac << 11;
        }
        return Long.MIN_VALUE | frac << 11;
    }

    static int signExponent(double v) {
        long b = Double.doubleToRawLongBits(v);
        int sign = (int) (b >>> 63) << 15;
        int exp = (int) (b >>> 52) & 0x7FF;
        long frac = b & 0x000F_FFFF_FFFF_FFFFL;
        if (exp == 0) {
            if (frac == 0) {
                return sign;
            }
            int shift = Long.numberOfLeadingZeros(frac);
            return sign | (1 - 1023 + 16383 - (shift - 11));
        }
        if (exp == 0x7FF) {
            return sign | 0x7FFF;
        }
        return sign | (exp - 1023 + 16383);
    }

    /** The double nearest to an 80-bit value (truncating extra mantissa bits). */
    static double toDouble(long mantissa, int signExp) {
        boolean negative = (signExp & 0x8000) != 0;
        int exp = signExp & 0x7FFF;
        double r;
        if (exp == 0x7FFF) {
            r = (mantissa << 1) == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (mantissa == 0) {
            r = 0.0;
        } else {
            r = Math.scalb((double) (mantissa >>> 11), exp - 16383 - 52);
        }
        return negative ? -r : r;
    }
}
