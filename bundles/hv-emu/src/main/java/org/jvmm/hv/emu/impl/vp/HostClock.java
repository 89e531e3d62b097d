package org.jvmm.hv.emu.impl.vp;

import org.jvmm.hv.emu.impl.cpu.GuestClock;

/**
 * Guest time that follows the host's monotonic clock at {@code hz}, from 0 when created; a snapshot
 * restore moves it ({@link #continueFrom}) so that the TSC, and the APIC timers that are kept on this
 * timeline, continue from the saved value instead of jumping back to the new partition's start.
 */
public final class HostClock implements GuestClock {
    private static final long NS = 1_000_000_000L;
    private final long hz;
    /** Host nanoseconds at which this clock's TSC was 0. */
    private volatile long origin;

    public HostClock(long hz) {
        this.hz = hz;
        this.origin = System.nanoTime();
    }

    @Override
    public long tsc() {
        return tscAt(System.nanoTime() - origin);
    }

    @Override
    public long tscHz() {
        return hz;
    }

    /** Makes {@link #tsc()} read {@code tsc} now (or a tick later, never earlier) and go on from there. */
    public void continueFrom(long tsc) {
        long rem = Math.floorMod(tsc, hz) * NS;
        long ns = Math.floorDiv(tsc, hz) * NS + rem / hz + (rem % hz != 0 ? 1 : 0);
        origin = System.nanoTime() - ns;
    }

    private long tscAt(long ns) {
        return ns / NS * hz + ns % NS * hz / NS;
    }
}
