package org.jvmm.itest.resolver;

import java.util.HashMap;
import java.util.Map;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.Segment;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.TableRegister;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.jvmm.inspect.InspectNode;

/**
 * A processor that executes nothing: {@link #run} waits until {@link #requestStop()} and returns
 * {@link VpExit.Stopped}. Register state is kept as set, starting from the x86 power-on state.
 */
final class ParkingVp implements VirtualProcessor {
    private final int index;
    private boolean stopRequested;
    private long runs;
    private GeneralRegisters general;
    private SegmentRegisters segments;
    private ControlRegisters control;
    private FpuState fpu;
    private DebugRegisters debug;
    private final Map<Integer, Long> msrs = new HashMap<>();

    ParkingVp(int index) {
        this.index = index;
        reset();
    }

    /** The power-on state: CS:IP at the reset vector, real mode, caches disabled. */
    synchronized void reset() {
        general = GeneralRegisters.of(new long[16], 0xFFF0, GeneralRegisters.RFLAGS_RESERVED);
        Segment data = Segment.real(0, 0x3);
        Segment cs = new Segment(0xF000, 0xFFFF0000L, 0xFFFF, 0xB | Segment.S | Segment.P);
        Segment system = new Segment(0, 0, 0xFFFF, 0x2 | Segment.P);
        TableRegister table = new TableRegister(0, 0xFFFF);
        segments = new SegmentRegisters(cs, data, data, data, data, data, system, system, table, table);
        control = new ControlRegisters(0x6000_0000L | ControlRegisters.CR0_ET, 0, 0, 0, 0, 0);
        fpu = FpuState.reset();
        debug = DebugRegisters.RESET;
        msrs.clear();
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public synchronized VpExit run(CpuIo io) {
        runs++;
        while (!stopRequested) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new VpExit.Stopped();
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

    @Override
    public synchronized GeneralRegisters generalRegisters() {
        return general;
    }

    @Override
    public synchronized void setGeneralRegisters(GeneralRegisters registers) {
        general = registers;
    }

    @Override
    public synchronized SegmentRegisters segmentRegisters() {
        return segments;
    }

    @Override
    public synchronized void setSegmentRegisters(SegmentRegisters registers) {
        segments = registers;
    }

    @Override
    public synchronized ControlRegisters controlRegisters() {
        return control;
    }

    @Override
    public synchronized void setControlRegisters(ControlRegisters registers) {
        control = registers;
    }

    @Override
    public synchronized long readMsr(int msr) throws HypervisorException {
        Long value = msrs.get(msr);
        if (value == null) {
            throw new HypervisorException("itest vp " + index + ": MSR 0x" + Integer.toHexString(msr)
                    + " was never written");
        }
        return value;
    }

    @Override
    public synchronized void writeMsr(int msr, long value) {
        msrs.put(msr, value);
    }

    @Override
    public synchronized FpuState fpuState() {
        return fpu;
    }

    @Override
    public synchronized void setFpuState(FpuState state) {
        fpu = state;
    }

    @Override
    public synchronized DebugRegisters debugRegisters() {
        return debug;
    }

    @Override
    public synchronized void setDebugRegisters(DebugRegisters registers) {
        debug = registers;
    }

    @Override
    public long instructionsRetired() {
        return -1;
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.hex("rip", general.rip());
        node.field("runs", runs);
    }
}
