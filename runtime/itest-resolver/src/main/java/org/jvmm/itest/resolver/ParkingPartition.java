package org.jvmm.itest.resolver;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.inspect.InspectNode;

/** {@link ParkingVp}s over the config's memory; counts interrupt requests and resets. */
final class ParkingPartition implements Partition {
    private final PartitionConfig config;
    private final List<ParkingVp> vps;
    private final AtomicInteger interrupts = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private volatile boolean picOutput;

    ParkingPartition(PartitionConfig config) {
        this.config = config;
        this.vps = IntStream.range(0, config.processorCount()).mapToObj(ParkingVp::new).toList();
    }

    @Override
    public int processorCount() {
        return vps.size();
    }

    @Override
    public VirtualProcessor processor(int index) {
        return vps.get(index);
    }

    @Override
    public GuestMemory memory() {
        return config.memory();
    }

    @Override
    public void requestInterrupt(InterruptRequest request) {
        interrupts.incrementAndGet();
    }

    @Override
    public void setPicOutput(boolean asserted) {
        picOutput = asserted;
    }

    @Override
    public void reset() {
        resets.incrementAndGet();
        vps.forEach(ParkingVp::reset);
    }

    @Override
    public void close() {
        vps.forEach(ParkingVp::requestStop);
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("backend", "itest");
        node.field("interruptRequests", interrupts.get());
        node.field("picOutput", picOutput);
        node.field("resets", resets.get());
    }
}
