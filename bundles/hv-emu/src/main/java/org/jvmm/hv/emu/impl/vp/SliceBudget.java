package org.jvmm.hv.emu.impl.vp;

/**
 * How many instructions to run before the VP loop looks at its timer again. Without a timer deadline
 * a slice is {@link #MAX} instructions; with one, the slice is sized from the recently measured speed
 * so that it ends about when the deadline arrives (at least {@link #MIN}, so that a late timer does
 * not turn the loop into a spin). Under {@link InstructionClock} time is the instruction count, and
 * a slice ends exactly at the deadline. Stop requests and interrupts end a slice early anyway.
 */
final class SliceBudget {
    static final long MAX = 1_000_000;
    static final long MIN = 2_000;
    /** Slices shorter than this (in ns) do not update the speed estimate. */
    private static final long MEASURE_NS = 20_000;

    /** Instructions per nanosecond, smoothed; starts at a conservative 20 M instructions/s. */
    private double perNano = 0.02;
    /** Deterministic time: an instruction is a nanosecond, so a slice ends exactly at the deadline. */
    private final boolean exact;

    SliceBudget(boolean exact) {
        this.exact = exact;
    }

    /** The budget for a slice starting {@code nanosToDeadline} before the timer (Long.MAX_VALUE: none). */
    long next(long nanosToDeadline) {
        if (nanosToDeadline == Long.MAX_VALUE) {
            return MAX;
        }
        if (exact) {
            return Math.max(1, Math.min(MAX, nanosToDeadline));
        }
        if (nanosToDeadline <= 0) {
            return MIN;
        }
        double n = nanosToDeadline * perNano;
        return n >= MAX ? MAX : Math.max(MIN, (long) n);
    }

    /** A slice retired {@code instructions} in {@code nanos} wall-clock nanoseconds. */
    void record(long instructions, long nanos) {
        if (nanos >= MEASURE_NS && instructions > 0) {
            perNano = 0.75 * perNano + 0.25 * ((double) instructions / nanos);
        }
    }
}
