package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A device with work outside guest accesses (timers, host I/O). The chipset calls {@link #poll}
 * on its poll thread when the returned deadline passes or when the device's {@link Waker} fires.
 */
@ConsumerType
public interface PollDevice {
    /**
     * Does pending work at VM time {@code nowNanos}.
     *
     * @return the VM time at which to be polled next, or {@link Long#MAX_VALUE} for "only when woken"
     */
    long poll(long nowNanos);
}
