package org.jvmm.hv.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The chipset's timed device work, run by a partition in {@link DeterministicTime deterministic time}
 * on processor 0's thread, so that devices act at the same instruction every run.
 */
@ConsumerType
public interface DeviceTimer {
    /**
     * The guest time (nanoseconds of {@link DeterministicTime#nanos()}) at which {@link #run} is next
     * due; {@link Long#MIN_VALUE} or any time not later than now for "as soon as possible",
     * {@link Long#MAX_VALUE} for none.
     */
    long nextDeadlineNanos();

    /** Does the device work due at guest time {@code nowNanos}. Never throws for guest-caused conditions. */
    void run(long nowNanos);
}
