package org.jvmm.hv.emu.impl.cpu;

/** The guest's time stamp counter source. */
public interface GuestClock {

    /** Current TSC value before the per-CPU offset is applied. */
    long tsc();

    /** TSC frequency in Hz (reported in CPUID leaf 0x40000010). */
    long tscHz();

    /** A TSC that follows the host's monotonic clock at {@code hz}. */
    static GuestClock host(long hz) {
        long origin = System.nanoTime();
        return new GuestClock() {
            @Override
            public long tsc() {
                long ns = System.nanoTime() - origin;
                return ns / 1_000_000_000L * hz + ns % 1_000_000_000L * hz / 1_000_000_000L;
            }

            @Override
            public long tscHz() {
                return hz;
            }
        };
    }
}
