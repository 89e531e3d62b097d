package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ProviderType;

/** Maps and unmaps MMIO ranges at run time (PCI BARs moving). Thread-safe. */
@ProviderType
public interface MmioMapper {
    /** Routes {@code range} to {@code target}; fails if it overlaps another device's range. */
    void map(MmioRange range, MmioIntercept target);

    void unmap(MmioRange range);
}
