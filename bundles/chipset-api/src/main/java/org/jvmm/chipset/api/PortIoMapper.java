package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Maps and unmaps port ranges at run time (PCI I/O BARs moving), the port-I/O counterpart of
 * {@link MmioMapper}. Thread-safe.
 */
@ProviderType
public interface PortIoMapper {
    /**
     * Routes {@code range} to {@code target}.
     *
     * @throws IllegalArgumentException if the range overlaps another range or lies outside the
     *                                   ports this mapper serves
     */
    void map(PortRange range, PortIoIntercept target);

    /** @throws IllegalArgumentException if {@code range} is not mapped */
    void unmap(PortRange range);
}
