package org.jvmm.hv.api;

import java.util.Objects;
import org.jvmm.guestmem.GuestMemory;

/**
 * What a partition is made of.
 *
 * @param processorCount number of virtual processors, 1..256
 * @param memory         guest RAM, shared with devices and loaders
 * @param cpuModel       the CPU presented to the guest (CPUID)
 * @param deterministic  derive guest time from retired instructions (icount-like), where supported
 */
public record PartitionConfig(int processorCount, GuestMemory memory, CpuModel cpuModel, boolean deterministic) {
    public PartitionConfig {
        if (processorCount < 1 || processorCount > 256) {
            throw new IllegalArgumentException("processorCount: must be 1..256, got " + processorCount);
        }
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(cpuModel, "cpuModel");
    }
}
