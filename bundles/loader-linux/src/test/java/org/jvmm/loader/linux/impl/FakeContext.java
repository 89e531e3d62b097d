package org.jvmm.loader.linux.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.inspect.InspectNode;
import org.jvmm.inspect.Inspectable;
import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.spi.BootContext;

/** A boot context over real guest memory (PC layout), fake processors and a configuration. */
final class FakeContext implements BootContext, Partition, AutoCloseable {
    final GuestMemory memory;
    final VmConfig config;
    final FakeVp[] vps;
    final Map<String, Inspectable> published = new HashMap<>();

    FakeContext(VmConfig config) {
        this.config = config;
        try {
            this.memory = GuestMemory.create(GuestMemoryLayout.pc(config.memory().sizeBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        vps = new FakeVp[config.processors().count()];
        for (int i = 0; i < vps.length; i++) {
            vps[i] = new FakeVp(i);
        }
    }

    FakeVp bsp() {
        return vps[0];
    }

    /** The published node {@code name} rendered into a tree. */
    InspectNode inspect(String name) {
        InspectNode node = new InspectNode();
        published.get(name).inspect(node);
        return node;
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public Partition partition() {
        return this;
    }

    @Override
    public int processorCount() {
        return vps.length;
    }

    @Override
    public VirtualProcessor processor(int index) {
        return vps[index];
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
        return List.of();
    }

    final FwCfgItems fwCfg = new FwCfgItems();

    @Override
    public FwCfgItems fwCfg() {
        return fwCfg;
    }

    @Override
    public void publish(String name, Inspectable info) {
        published.put(name, info);
    }

    @Override
    public void requestInterrupt(InterruptRequest request) {
        throw new UnsupportedOperationException("fake partition");
    }

    @Override
    public void setPicOutput(boolean asserted) {
        throw new UnsupportedOperationException("fake partition");
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("fake partition");
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("fake", true);
    }

    @Override
    public void close() {
        memory.close();
    }
}
