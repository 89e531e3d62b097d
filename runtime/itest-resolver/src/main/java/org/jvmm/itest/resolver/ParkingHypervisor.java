package org.jvmm.itest.resolver;

import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.Probe;

/**
 * A backend that runs no guest code: its processors wait inside {@code run} until they are asked
 * to stop. Enough for the worker's lifecycle, memory access and inspect tree.
 */
final class ParkingHypervisor implements Hypervisor {
    private final String name;

    ParkingHypervisor(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Probe probe() {
        return Probe.usable("in-framework test backend: processors wait until stopped");
    }

    @Override
    public Partition createPartition(PartitionConfig config) {
        return new ParkingPartition(config);
    }
}
