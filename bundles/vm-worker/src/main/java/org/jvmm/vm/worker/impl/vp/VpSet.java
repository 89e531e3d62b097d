package org.jvmm.vm.worker.impl.vp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.Partition;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vm.worker.impl.lifecycle.GuestEvent;

/** The threads of all processors of a partition. */
public final class VpSet {
    private final List<VpRunner> runners = new ArrayList<>();
    private boolean started;

    public VpSet(Partition partition, CpuIo io, GuestEvent.Sink events) {
        for (int i = 0; i < partition.processorCount(); i++) {
            runners.add(new VpRunner(partition.processor(i), io, events));
        }
    }

    /** Starts the threads, parked. */
    public synchronized void start() {
        if (!started) {
            started = true;
            runners.forEach(VpRunner::start);
        }
    }

    /**
     * Stops every processor and waits until each thread is parked.
     *
     * @throws IllegalStateException naming the processors that did not stop within {@code timeout}
     */
    public void pauseAll(Duration timeout) {
        runners.forEach(VpRunner::requestPark);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Integer> stuck = new ArrayList<>();
        for (int i = 0; i < runners.size(); i++) {
            if (!runners.get(i).awaitParked(deadline)) {
                stuck.add(i);
            }
        }
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("vp " + join(stuck) + " did not stop within " + timeout.toMillis() + " ms");
        }
    }

    public void resumeAll() {
        runners.forEach(VpRunner::release);
    }

    /** Ends every thread; returns the processors whose thread did not end within {@code timeout}. */
    public List<Integer> stopAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Integer> alive = new ArrayList<>();
        for (int i = 0; i < runners.size(); i++) {
            if (!runners.get(i).terminate(deadline)) {
                alive.add(i);
            }
        }
        return alive;
    }

    /** Wakes processor {@code vp} if it waits in a halt. */
    public void wakeFromHalt(int vp) {
        if (vp >= 0 && vp < runners.size()) {
            runners.get(vp).wakeFromHalt();
        }
    }

    public int size() {
        return runners.size();
    }

    /** {@code vp/N}: thread phase, last exit and the processor's own inspect. */
    public void inspect(InspectNode node) {
        for (int i = 0; i < runners.size(); i++) {
            runners.get(i).inspect(node.child(Integer.toString(i)));
        }
    }

    private static String join(List<Integer> vps) {
        return String.join(", ", vps.stream().map(String::valueOf).toList());
    }
}
