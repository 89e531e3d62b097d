package org.jvmm.loader.linux.impl;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.jvmm.inspect.InspectNode;

/** A processor that records the register sets a loader makes; it cannot run. */
final class FakeVp implements VirtualProcessor {
    final List<String> calls = new ArrayList<>();
    GeneralRegisters general;
    SegmentRegisters segments;
    ControlRegisters control;
    private final int index;

    FakeVp(int index) {
        this.index = index;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public VpExit run(CpuIo io) {
        throw new UnsupportedOperationException("fake processor");
    }

    @Override
    public void requestStop() {
    }

    @Override
    public void clearStop() {
    }

    @Override
    public GeneralRegisters generalRegisters() {
        return general;
    }

    @Override
    public void setGeneralRegisters(GeneralRegisters registers) {
        calls.add("general");
        general = registers;
    }

    @Override
    public SegmentRegisters segmentRegisters() {
        return segments;
    }

    @Override
    public void setSegmentRegisters(SegmentRegisters registers) {
        calls.add("segments");
        segments = registers;
    }

    @Override
    public ControlRegisters controlRegisters() {
        return control;
    }

    @Override
    public void setControlRegisters(ControlRegisters registers) {
        calls.add("control");
        control = registers;
    }

    @Override
    public long readMsr(int msr) {
        throw new UnsupportedOperationException("fake processor");
    }

    @Override
    public void writeMsr(int msr, long value) {
        calls.add("msr " + Integer.toHexString(msr));
    }

    @Override
    public FpuState fpuState() {
        throw new UnsupportedOperationException("fake processor");
    }

    @Override
    public void setFpuState(FpuState state) {
        calls.add("fpu");
    }

    @Override
    public DebugRegisters debugRegisters() {
        throw new UnsupportedOperationException("fake processor");
    }

    @Override
    public void setDebugRegisters(DebugRegisters registers) {
        calls.add("debug");
    }

    @Override
    public long instructionsRetired() {
        return -1;
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("fake", true);
    }
}
