package org.jvmm.hv.kvm.impl;

import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.Probe;

/** The KVM backend: usable where /dev/kvm opens on a CPU with vmx or svm; forceable on a software KVM. */
public final class KvmHypervisor implements Hypervisor {
    public static final String NAME = "kvm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Probe probe() {
        return HostProbe.probe();
    }

    @Override
    public Partition createPartition(PartitionConfig config) throws HypervisorException {
        return KvmPartition.create(config);
    }

    @Override
    public String toString() {
        return "hypervisor:" + NAME;
    }
}
