package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The VM's time base for devices: monotonic nanoseconds since VM start. It stops while the VM is
 * paused and, in deterministic mode, follows retired instructions instead of the host clock.
 */
@ProviderType
public interface VmClock {
    long nanos();
}
