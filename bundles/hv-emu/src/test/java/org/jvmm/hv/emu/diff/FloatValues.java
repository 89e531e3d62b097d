package org.jvmm.hv.emu.diff;

import java.util.SplittableRandom;

/**
 * Random floating-point bit patterns for SSE tests: signed zeros, infinities, quiet and signalling
 * NaNs with payloads, denormals, extremes, halfway cases for rounding, integer-conversion limits,
 * ordinary values and raw random bits.
 */
final class FloatValues {

    private static final double[] DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 3.0, Double.MIN_VALUE,
        -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 0x1p31, 0x1p31 - 0.5, -0x1p31, -0x1p31 - 1, 0x1p63, -0x1p63, 0x1p64, 1e300,
        1e-310, 0.1, 1.0 / 3};
    private static final long[] DOUBLE_BITS = {0x7FF8_0000_0000_0000L, 0xFFF8_0000_0000_0000L,
        0x7FF8_0000_0000_1234L, 0x7FF0_0000_0000_0001L, 0xFFF4_0000_0000_0000L};
    private static final float[] FLOATS = {0f, -0f, 1f, -1f, 0.5f, 1.5f, 2.5f, -2.5f, Float.MIN_VALUE,
        -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, 0x1p31f, -0x1p31f, 0x1p63f, -0x1p63f, 0x1p64f, 1e30f, 1e-40f, 0.1f, 1f / 3};
    private static final int[] FLOAT_BITS = {0x7FC0_0000, 0xFFC0_0000, 0x7FC0_1234, 0x7F80_0001, 0xFFA0_0000};

    private FloatValues() {
    }

    /** A double's bits; NaNs only when {@code nans}. */
    static long doubleBits(SplittableRandom r, boolean nans) {
        while (true) {
            long v = anyDouble(r);
            if (nans || !Double.isNaN(Double.longBitsToDouble(v))) {
                return v;
            }
        }
    }

    static int floatBits(SplittableRandom r, boolean nans) {
        while (true) {
            int v = anyFloat(r);
            if (nans || !Float.isNaN(Float.intBitsToFloat(v))) {
                return v;
            }
        }
    }

    private static long anyDouble(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0, 1 -> Double.doubleToRawLongBits(DOUBLES[r.nextInt(DOUBLES.length)]);
            case 2 -> DOUBLE_BITS[r.nextInt(DOUBLE_BITS.length)];
            case 3 -> Double.doubleToRawLongBits(r.nextDouble(-1e6, 1e6));
            case 4 -> Double.doubleToRawLongBits((double) r.nextInt(-1000, 1000) / (1 << r.nextInt(4)));
            case 5 -> r.nextLong();
            default -> Double.doubleToRawLongBits(Math.scalb(r.nextDouble(1, 2), r.nextInt(-1074, 1024))
                    * (r.nextBoolean() ? 1 : -1));
        };
    }

    private static int anyFloat(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0, 1 -> Float.floatToRawIntBits(FLOATS[r.nextInt(FLOATS.length)]);
            case 2 -> FLOAT_BITS[r.nextInt(FLOAT_BITS.length)];
            case 3 -> Float.floatToRawIntBits((float) r.nextDouble(-1e6, 1e6));
            case 4 -> Float.floatToRawIntBits((float) r.nextInt(-1000, 1000) / (1 << r.nextInt(4)));
            case 5 -> r.nextInt();
            default -> Float.floatToRawIntBits(Math.scalb((float) r.nextDouble(1, 2), r.nextInt(-149, 128))
                    * (r.nextBoolean() ? 1 : -1));
        };
    }

    /** A 64-bit lane pair: one double, or two floats. */
    static long lane(SplittableRandom r, boolean single, boolean nans) {
        return single ? floatBits(r, nans) & 0xFFFF_FFFFL | (long) floatBits(r, nans) << 32 : doubleBits(r, nans);
    }

    /** Refills all XMM inputs with floating-point lanes. */
    static void fillXmm(Gen g, boolean single, boolean nans) {
        for (int i = 0; i < 32; i++) {
            g.in.xmm[i] = lane(g.rnd, single, nans);
        }
    }

    /** Writes floating-point lanes to {@code size} bytes (4, 8 or 16) at {@code addr}. */
    static void fillMemory(Gen g, long addr, int size, boolean single, boolean nans) {
        if (size == 4) {
            g.put(addr, 4, floatBits(g.rnd, nans));
            return;
        }
        for (int i = 0; i < size; i += 8) {
            g.put(addr + i, 8, lane(g.rnd, single, nans));
        }
    }

    /**
     * A random MXCSR with all exceptions masked and random sticky flags: a random rounding mode
     * ({@code rounding}) or random FTZ and DAZ bits.
     */
    static int mxcsr(SplittableRandom r, boolean rounding) {
        int m = 0x1F80 | (r.nextBoolean() ? r.nextInt(64) : 0);
        return rounding ? m | r.nextInt(4) << 13 : m | (r.nextBoolean() ? 0x8000 : 0) | (r.nextBoolean() ? 0x40 : 0);
    }
}
