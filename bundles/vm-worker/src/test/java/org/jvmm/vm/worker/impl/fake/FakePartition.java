package org.jvmm.vm.worker.impl.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.inspect.InspectNode;

/** Records interrupt requests, the PIC output, resets and close. */
public final class FakePartition implements Partition {
    private final PartitionConfig config;
    private final List<FakeVp> vps;
    public final List<InterruptRequest> requests = new CopyOnWriteArrayList<>();
    public volatile boolean picOutput;
    public volatile int resets;
    public volatile boolean closed;
    /** What saveState() writes and restoreState() last read (snapshot tests). */
    public volatile byte[] state = {1, 2, 3};
    public volatile byte[] restored;

    FakePartition(PartitionConfig config) {
        this.config = config;
        this.vps = IntStream.range(0, config.processorCount()).mapToObj(FakeVp::new).toList();
    }

    public FakeVp vp(int i) {
        return vps.get(i);
    }

    public PartitionConfig config() {
        return config;
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
    public org.jvmm.hv.api.SavedBackendState saveState() {
        return new org.jvmm.hv.api.SavedBackendState("fake", 1, state.clone());
    }

    @Override
    public void restoreState(org.jvmm.hv.api.SavedBackendState saved) {
        restored = saved.data().clone();
    }

    @Override
    public void requestInterrupt(InterruptRequest request) {
        requests.add(request);
    }

    @Override
    public void setPicOutput(boolean asserted) {
        picOutput = asserted;
    }

    @Override
    public void reset() {
        resets++;
        vps.forEach(FakeVp::reset);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("backend", "fake");
        node.field("resets", resets);
    }
}
