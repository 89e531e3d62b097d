package org.jvmm.hv.emu.impl;

import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.Probe;

/** The emulator backend: usable everywhere, since it needs nothing from the host but the JVM. */
public final class EmuHypervisor implements Hypervisor {
    public static final String NAME = "emu";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Probe probe() {
        return Probe.usable("pure-Java x86-64 emulator");
    }

    @Override
    public Partition createPartition(PartitionConfig config) throws HypervisorException {
        return new EmuPartition(config);
    }

    @Override
    public String toString() {
        return "hypervisor:" + NAME;
    }
}
