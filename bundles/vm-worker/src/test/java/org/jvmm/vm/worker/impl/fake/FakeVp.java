package org.jvmm.vm.worker.impl.fake;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.jvmm.inspect.InspectNode;

/**
 * A scripted processor: each step runs against the bus and either continues (null) or ends
 * {@code run} with an exit. With no steps left it "idles in a wakeable halt": it sleeps inside
 * {@code run} until a stop request, like a real backend.
 */
public final class FakeVp implements VirtualProcessor {
    private final int index;
    private final Deque<Function<CpuIo, VpExit>> steps = new ArrayDeque<>();
    private boolean stopRequested;
    private int runs;
    private int resets;
    private volatile long retired = -1;
    private GeneralRegisters regs = GeneralRegisters.of(new long[16], 0xFFF0, 2);

    public FakeVp(int index) {
        this.index = index;
    }

    /** Appends a step; wakes an idle run. */
    public synchronized FakeVp then(Function<CpuIo, VpExit> step) {
        steps.add(step);
        notifyAll();
        return this;
    }

    /** What restoreState() last read (snapshot tests). */
    public volatile byte[] restored;

    @Override
    public org.jvmm.hv.api.SavedBackendState saveState() {
        return new org.jvmm.hv.api.SavedBackendState("fake", 1, new byte[] {(byte) index()});
    }

    @Override
    public void restoreState(org.jvmm.hv.api.SavedBackendState saved) {
        restored = saved.data().clone();
    }

    public FakeVp portWrite(int port, int size, long value) {
        return then(io -> {
            io.ioWrite(index, port, size, value);
            return null;
        });
    }

    public FakeVp exit(VpExit exit) {
        return then(io -> exit);
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public VpExit run(CpuIo io) {
        while (true) {
            Function<CpuIo, VpExit> step;
            synchronized (this) {
                runs++;
                while (!stopRequested && steps.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new VpExit.Stopped();
                    }
                }
                if (stopRequested) {
                    return new VpExit.Stopped();
                }
                step = steps.poll();
            }
            VpExit exit = step.apply(io);
            if (exit != null) {
                return exit;
            }
        }
    }

    @Override
    public synchronized void requestStop() {
        stopRequested = true;
        notifyAll();
    }

    @Override
    public synchronized void clearStop() {
        stopRequested = false;
    }

    public synchronized int runs() {
        return runs;
    }

    synchronized void reset() {
        resets++;
        regs = GeneralRegisters.of(new long[16], 0xFFF0, 2);
    }

    public synchronized int resets() {
        return resets;
    }

    @Override
    public synchronized GeneralRegisters generalRegisters() {
        return regs;
    }

    @Override
    public synchronized void setGeneralRegisters(GeneralRegisters registers) {
        regs = registers;
    }

    @Override
    public SegmentRegisters segmentRegisters() {
        throw new UnsupportedOperationException("fake vp: no segment registers");
    }

    @Override
    public void setSegmentRegisters(SegmentRegisters registers) {
        throw new UnsupportedOperationException("fake vp: no segment registers");
    }

    @Override
    public ControlRegisters controlRegisters() {
        return new ControlRegisters(0x10, 0, 0, 0, 0, 0);
    }

    @Override
    public void setControlRegisters(ControlRegisters registers) {
        throw new UnsupportedOperationException("fake vp: read-only control registers");
    }

    @Override
    public long readMsr(int msr) throws HypervisorException {
        throw new HypervisorException("fake vp: no MSR 0x" + Integer.toHexString(msr));
    }

    @Override
    public void writeMsr(int msr, long value) throws HypervisorException {
        throw new HypervisorException("fake vp: no MSR 0x" + Integer.toHexString(msr));
    }

    @Override
    public FpuState fpuState() {
        return FpuState.reset();
    }

    @Override
    public void setFpuState(FpuState state) {
        throw new UnsupportedOperationException("fake vp: fixed FPU state");
    }

    @Override
    public DebugRegisters debugRegisters() {
        return DebugRegisters.RESET;
    }

    @Override
    public void setDebugRegisters(DebugRegisters registers) {
        throw new UnsupportedOperationException("fake vp: fixed debug registers");
    }

    /** Makes {@link #instructionsRetired()} report {@code count} (-1, the start value: unknown). */
    public FakeVp retired(long count) {
        retired = count;
        return this;
    }

    @Override
    public long instructionsRetired() {
        return retired;
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.hex("rip", regs.rip());
        node.field("runs", runs);
    }
}
