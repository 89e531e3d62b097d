package org.jvmm.chipset.impl;

import org.jvmm.chipset.api.VmClock;

/**
 * A timer device's own time: the VM clock plus an offset, 0 until a restore continues a saved time
 * from the clock as it reads then (so the partition, which holds guest time, must be restored
 * first). Converts the poll loop's VM times to device times and device deadlines back. Callers
 * guard it with their device's lock.
 */
public final class DeviceTimeBase {
    private final VmClock clock;
    /** Device time minus VM time. */
    private long offsetNanos;

    public DeviceTimeBase(VmClock clock) {
        this.clock = clock;
    }

    /** Device time now. */
    public long now() {
        return clock.nanos() + offsetNanos;
    }

    /** The device time at VM time {@code vmNanos}. */
    public long fromVm(long vmNanos) {
        return vmNanos + offsetNanos;
    }

    /** The VM time of device deadline {@code deviceNanos}; {@link Long#MAX_VALUE} (none) stays. */
    public long toVm(long deviceNanos) {
        return deviceNanos == Long.MAX_VALUE ? deviceNanos : deviceNanos - offsetNanos;
    }

    /** Makes device time read {@code savedNanos} now (a restore), going on with the clock from there. */
    public void continueFrom(long savedNanos) {
        offsetNanos = savedNanos - clock.nanos();
    }
}
