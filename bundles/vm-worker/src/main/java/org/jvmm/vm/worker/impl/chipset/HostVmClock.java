package org.jvmm.vm.worker.impl.chipset;

import java.util.function.LongSupplier;

/**
 * VM time from the host's monotonic clock, minus the time the VM spent paused; it starts at 0,
 * stopped. In deterministic mode the partition's instruction-driven time replaces it
 * ({@link PartitionVmClock}).
 */
public final class HostVmClock implements ChipsetClock {
    private record Snapshot(boolean running, long base, long frozen) {
    }

    private final LongSupplier host;
    private volatile Snapshot snapshot = new Snapshot(false, 0, 0);

    public HostVmClock() {
        this(System::nanoTime);
    }

    /** A clock over {@code host} nanoseconds (tests pass a manual clock). */
    public HostVmClock(LongSupplier host) {
        this.host = host;
    }

    @Override
    public long nanos() {
        Snapshot s = snapshot;
        return s.running() ? host.getAsLong() - s.base() : s.frozen();
    }

    public boolean running() {
        return snapshot.running();
    }

    @Override
    public synchronized void pause() {
        if (snapshot.running()) {
            snapshot = new Snapshot(false, 0, nanos());
        }
    }

    @Override
    public synchronized void resume() {
        Snapshot s = snapshot;
        if (!s.running()) {
            snapshot = new Snapshot(true, host.getAsLong() - s.frozen(), 0);
        }
    }
}
