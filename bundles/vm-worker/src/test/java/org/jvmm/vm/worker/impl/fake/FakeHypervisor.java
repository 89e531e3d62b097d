package org.jvmm.vm.worker.impl.fake;

import java.util.function.Consumer;
import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.Probe;

/** A backend with a fixed probe; {@code onPartition} scripts each new partition's processors. */
public final class FakeHypervisor implements Hypervisor {
    private final String name;
    private final Probe probe;
    private final Consumer<FakePartition> onPartition;
    public volatile FakePartition last;

    public FakeHypervisor(String name, Probe probe, Consumer<FakePartition> onPartition) {
        this.name = name;
        this.probe = probe;
        this.onPartition = onPartition;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Probe probe() {
        return probe;
    }

    /** A partition of {@code processors} fake VPs over {@code memory} (snapshot unit tests). */
    public static FakePartition partitionFor(int processors, org.jvmm.guestmem.GuestMemory memory) {
        return new FakePartition(new PartitionConfig(processors, memory, org.jvmm.hv.api.CpuModel.QEMU64, false));
    }

    @Override
    public Partition createPartition(PartitionConfig config) {
        FakePartition p = new FakePartition(config);
        onPartition.accept(p);
        last = p;
        return p;
    }
}
