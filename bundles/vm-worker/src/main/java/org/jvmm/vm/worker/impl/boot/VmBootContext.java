package org.jvmm.vm.worker.impl.boot;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.hv.api.Partition;
import org.jvmm.inspect.InspectNode;
import org.jvmm.inspect.Inspectable;
import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.spi.BootContext;

/** The {@link BootContext} of one VM; keeps what loaders publish for {@code boot/...}. */
public final class VmBootContext implements BootContext {
    private final VmConfig config;
    private final GuestMemory memory;
    private final Partition partition;
    private final List<ChipsetDevice> devices;
    private final Map<String, Inspectable> published = new ConcurrentHashMap<>();
    private final FwCfgItems fwCfg;

    public VmBootContext(VmConfig config, GuestMemory memory, Partition partition, List<ChipsetDevice> devices,
            FwCfgItems fwCfg) {
        this.fwCfg = fwCfg;
        this.config = config;
        this.memory = memory;
        this.partition = partition;
        this.devices = List.copyOf(devices);
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public Partition partition() {
        return partition;
    }

    @Override
    public int processorCount() {
        return partition.processorCount();
    }

    @Override
    public LoadMode loadMode() {
        return config.load();
    }

    @Override
    public VmConfig config() {
        return config;
    }

    @Override
    public List<ChipsetDevice> chipsetDevices() {
        return devices;
    }

    @Override
    public FwCfgItems fwCfg() {
        return fwCfg;
    }

    @Override
    public void publish(String name, Inspectable info) {
        published.put(name, info);
    }

    /** {@code boot}: the load mode and what the loader published. */
    public void inspect(InspectNode node) {
        node.field("mode", config.load().id());
        published.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> node.child(e.getKey(), e.getValue()));
    }
}
