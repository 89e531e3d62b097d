package org.jvmm.chipset.impl.pit;

/** Conversions between VM nanoseconds and ticks of the 8254's 1.193182 MHz input clock, overflow-safe. */
final class PitTime {
    static final long HZ = 1_193_182L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private PitTime() {
    }

    /** Ticks elapsed by VM time {@code nanos} (rounded down). */
    static long ticks(long nanos) {
        return nanos / NANOS_PER_SECOND * HZ + nanos % NANOS_PER_SECOND * HZ / NANOS_PER_SECOND;
    }

    /** The first VM time at which {@code ticks} have elapsed (rounded up). */
    static long nanos(long ticks) {
        if (ticks == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long whole = ticks / HZ;
        long part = ticks % HZ;
        return whole * NANOS_PER_SECOND + (part * NANOS_PER_SECOND + HZ - 1) / HZ;
    }
}
