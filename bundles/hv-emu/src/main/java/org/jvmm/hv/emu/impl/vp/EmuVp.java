package org.jvmm.hv.emu.impl.vp;

import java.util.Objects;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.SavedBackendState;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.jvmm.hv.emu.impl.EmuHypervisor;
import org.jvmm.hv.emu.impl.apic.LocalApic;
import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.inspect.InspectNode;

/**
 * One emulated processor: a {@link Cpu} and its {@link LocalApic} (APIC ID = VP index, VP 0 the BSP).
 * {@link #run} is the VP loop on the caller's thread; see {@link VpLoop}. Register state is read and
 * written only while the VP is not running.
 */
public final class EmuVp implements VirtualProcessor {
    private final int index;
    private final PartitionParts parts;
    private final Cpu cpu;
    private final VpIoBus bus;
    private final LocalApic apic;
    private final VpLoop loop;
    /** Guest time is an {@link InstructionClock}. */
    private final boolean deterministic;

    public EmuVp(int index, PartitionParts parts) {
        this.index = index;
        this.parts = parts;
        this.bus = new VpIoBus(index);
        this.cpu = new Cpu(parts.memory(), bus, parts.code(), index);
        InstructionClock icount = parts.clock() instanceof InstructionClock c ? c : null;
        this.deterministic = icount != null;
        if (icount != null) {
            icount.add(cpu);
            cpu.seedRandom(index);
        }
        this.loop = new VpLoop(index, cpu, parts.memory(), icount);
        if (icount != null && index == 0) {
            icount.listenForDeviceTimer(loop::deviceTimerChanged);
        }
        this.apic = parts.apicBus().addApic(index, index == 0, loop::kick);
        loop.setApic(apic);
        bus.connect(apic, loop::apicWritten);
        cpu.setJit(parts.jit());
        cpu.setClock(parts.clock());
        cpu.cpuid.setTscHz(parts.clock().tscHz());
        cpu.cpuid.setApicFeatures(parts.apicFeatures().x2apic(), parts.apicFeatures().tscDeadline());
        cpu.setInterruptSource(apic);
        cpu.setApicLink(new ApicMsrLink(apic, cpu.s, loop::apicWritten));
        powerOn();
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public VpExit run(CpuIo io) {
        Objects.requireNonNull(io, "io");
        parts.chipset().attach(io);
        bus.use(io);
        return loop.run();
    }

    @Override
    public void requestStop() {
        loop.requestStop();
    }

    @Override
    public void clearStop() {
        loop.clearStop();
    }

    /** The architectural power-on state; an AP then waits for INIT and SIPI. */
    public void powerOn() {
        ensureStopped();
        ProcessorReset.powerOn(cpu);
        apic.reset();
        stateChanged();
    }

    @Override
    public GeneralRegisters generalRegisters() {
        return RegisterCodec.general(cpu.s);
    }

    @Override
    public void setGeneralRegisters(GeneralRegisters registers) {
        ensureStopped();
        RegisterCodec.setGeneral(cpu.s, registers);
        stateChanged();
    }

    @Override
    public SegmentRegisters segmentRegisters() {
        return RegisterCodec.segments(cpu.s);
    }

    @Override
    public void setSegmentRegisters(SegmentRegisters registers) {
        ensureStopped();
        RegisterCodec.setSegments(cpu.s, registers);
        stateChanged();
    }

    @Override
    public ControlRegisters controlRegisters() {
        return RegisterCodec.control(cpu.s, apic.cr8());
    }

    @Override
    public void setControlRegisters(ControlRegisters registers) {
        ensureStopped();
        RegisterCodec.setControl(cpu.s, registers);
        apic.setCr8((int) registers.cr8() & 0xF);
        stateChanged();
    }

    @Override
    public long readMsr(int msr) throws HypervisorException {
        ensureStopped();
        return HostMsrAccess.read(cpu, msr);
    }

    @Override
    public void writeMsr(int msr, long value) throws HypervisorException {
        ensureStopped();
        HostMsrAccess.write(cpu, msr, value);
        apic.setTscOffset(cpu.s.tscOffset);
    }

    @Override
    public FpuState fpuState() {
        return FxImage.save(cpu.s);
    }

    @Override
    public void setFpuState(FpuState state) {
        ensureStopped();
        FxImage.restore(cpu.s, state);
    }

    @Override
    public DebugRegisters debugRegisters() {
        return RegisterCodec.debug(cpu.s);
    }

    @Override
    public void setDebugRegisters(DebugRegisters registers) {
        ensureStopped();
        RegisterCodec.setDebug(cpu.s, registers);
    }

    /**
     * The processor's whole state through {@link VpSnapshot}: CPU, local APIC, pending events. Times
     * in it (APIC timer) are on the partition's guest timeline, which the partition's state restores.
     */
    @Override
    public SavedBackendState saveState() throws HypervisorException {
        ensureStopped();
        return new SavedBackendState(EmuHypervisor.NAME, VpSnapshot.VERSION, VpSnapshot.save(cpu, apic, loop));
    }

    /** Restores a {@link VpSnapshot} of version 2, or 1 (CPU state only); restore the partition's state first. */
    @Override
    public void restoreState(SavedBackendState state) throws HypervisorException {
        ensureStopped();
        int version = state.version();
        if (!state.backend().equals(EmuHypervisor.NAME)
                || version != VpSnapshot.VERSION && version != VpSnapshot.CPU_ONLY) {
            throw new HypervisorException("vp " + index + ": saved state " + state.backend() + " version "
                    + version + " is not readable (hv-emu reads " + EmuHypervisor.NAME + " versions "
                    + VpSnapshot.CPU_ONLY + " and " + VpSnapshot.VERSION + ")");
        }
        try {
            VpSnapshot.restore(version, state.data(), cpu, apic, loop, deterministic);
        } catch (java.io.IOException e) {
            powerOn();
            throw new HypervisorException("vp " + index + ": saved processor state (version " + version
                    + ") cannot be restored: " + e.getMessage(), e);
        }
        refresh();
        cpu.kick();
    }

    @Override
    public long instructionsRetired() {
        return cpu.retired();
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("index", index)
                .field("apicId", apic.id())
                .field("state", loop.describeState())
                .field("waitingForSipi", apic.waitingForSipi())
                .field("lastExit", loop.lastExit());
        VpInspect.describe(node, cpu, parts.memory());
        node.child("apic", apic);
    }

    /**
     * After registers changed from outside: recompute the mode (CPL, code and stack size), drop the
     * TLB, forget a shutdown, and drop decoded code, since the host may have written guest code too.
     */
    private void stateChanged() {
        refresh();
        loop.clearShutdown();
    }

    /** Recomputes the mode, drops the TLB and all decoded code. */
    private void refresh() {
        cpu.modeChanged();
        cpu.mmu.flush();
        parts.code().invalidateRange(0, parts.memory().ram().byteSize());
    }

    private void ensureStopped() {
        if (loop.isRunningElsewhere()) {
            throw new IllegalStateException("vp " + index + ": registers are accessed only while it is not running");
        }
    }
}
