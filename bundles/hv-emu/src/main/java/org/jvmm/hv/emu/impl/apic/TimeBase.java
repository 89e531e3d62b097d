package org.jvmm.hv.emu.impl.apic;

import org.jvmm.hv.emu.impl.cpu.GuestClock;

/**
 * The APIC's view of guest time: nanoseconds derived from the guest clock's TSC (so the APIC timer
 * and the TSC never drift apart, and a deterministic clock drives both). The APIC bus runs at
 * {@link LocalApic#BUS_HZ}, one tick per nanosecond.
 */
final class TimeBase {
    private static final long NS = 1_000_000_000L;
    private final GuestClock clock;

    TimeBase(GuestClock clock) {
        this.clock = clock;
    }

    /** The clock's TSC (without any per-VP offset). */
    long tsc() {
        return clock.tsc();
    }

    long nanos() {
        return nanosAt(clock.tsc());
    }

    /** The nanosecond count at {@code tsc}, rounded down. */
    long nanosAt(long tsc) {
        long hz = clock.tscHz();
        return Math.floorDiv(tsc, hz) * NS + Math.floorMod(tsc, hz) * NS / hz;
    }

    /** The first nanosecond count at which the TSC has reached {@code tsc} (rounded up). */
    long nanosAtOrAfter(long tsc) {
        long hz = clock.tscHz();
        long rem = Math.floorMod(tsc, hz) * NS;
        return Math.floorDiv(tsc, hz) * NS + rem / hz + (rem % hz != 0 ? 1 : 0);
    }
}
