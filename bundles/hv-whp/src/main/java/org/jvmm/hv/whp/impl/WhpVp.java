package org.jvmm.hv.whp.impl;

import static org.jvmm.hv.whp.impl.ffm.RegisterNames.WHvRegisterInternalActivityState;
import static org.jvmm.hv.whp.impl.ffm.RegisterNames.WHvX64RegisterApicBase;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.jvmm.hv.whp.impl.ffm.BitFields;
import org.jvmm.hv.whp.impl.ffm.VpCalls;
import org.jvmm.hv.whp.impl.ffm.WhpException;
import org.jvmm.hv.whp.impl.ffm.WhpExit;
import org.jvmm.inspect.InspectNode;

/**
 * One WHP virtual processor. {@link #run} loops on {@code WHvRunVirtualProcessor}, handling exits until
 * one ends it; a halted processor with interrupts enabled waits inside the hypervisor (whose local APIC
 * wakes it), so HLT returns {@link VpExit.Halted} only with interrupts disabled. {@link #requestStop}
 * cancels a running {@code WHvRunVirtualProcessor}.
 */
final class WhpVp implements VirtualProcessor {
    private static final System.Logger LOG = System.getLogger(WhpVp.class.getName());
    private static final int[] APIC_BASE = {WHvX64RegisterApicBase};
    private static final int[] ACTIVITY = {WHvRegisterInternalActivityState};

    private final int index;
    private final VpCalls calls;
    private final ExitHandler handler;
    private final ExtIntInjector injector;
    private final ExitCounts counts = new ExitCounts();
    private final VpState state;
    /** Held while {@link #run} is inside the hypervisor, so that the partition is not deleted under it. */
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stop;
    /** The partition is closed: the processor stays stopped for good. */
    private volatile boolean retired;
    private volatile String lastFailure = "";

    WhpVp(VpCalls calls, GuestMemory memory, ExtIntInjector injector, CpuidPolicy cpuid, DebugListener debug) {
        this.index = calls.index();
        this.calls = calls;
        this.injector = injector;
        this.state = new VpState(calls, debug);
        this.handler = new ExitHandler(index, calls, new GuestBus(index, memory, calls), injector, cpuid, counts,
                () -> stop);
    }

    /** Told when the host sets DR7, to intercept #DB while hardware breakpoints are enabled. */
    @FunctionalInterface
    interface DebugListener {
        void debugRegistersSet(int vp, long dr7) throws WhpException;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public VpExit run(CpuIo io) {
        running.lock();
        try {
            while (!stop) {
                VpExit exit = once(io);
                if (exit != null) {
                    return exit;
                }
            }
            return new VpExit.Stopped();
        } finally {
            running.unlock();
        }
    }

    private VpExit once(CpuIo io) {
        try {
            injector.beforeEntry(io);
            WhpExit exit = calls.run();
            return handler.handle(exit, io);
        } catch (WhpException e) {
            lastFailure = e.getMessage();
            return new VpExit.EmulationFailure(-1, e.getMessage());
        }
    }

    @Override
    public void requestStop() {
        stop = true;
        kick();
    }

    @Override
    public void clearStop() {
        if (!retired) {
            stop = false;
        }
    }

    /** Stops the processor for good (its partition is closing). */
    void retire() {
        retired = true;
        requestStop();
    }

    /** Makes a running {@link #run} come back to Java (a Canceled exit) to look at its flags. Any thread. */
    void kick() {
        try {
            calls.cancelRun();
        } catch (WhpException e) {
            lastFailure = e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "processor " + index + ": " + e.getMessage(), e);
        }
    }

    /** An ExtINT request for this processor: asks the PIC for the vector once the processor can take it. */
    void requestExtInt() {
        injector.request();
        kick();
    }

    /** Waits for a running {@link #run} to leave the hypervisor; false after {@code millis} without. */
    boolean awaitNotRunning(long millis) throws InterruptedException {
        if (running.tryLock(millis, TimeUnit.MILLISECONDS)) {
            running.unlock();
            return true;
        }
        return false;
    }

    VpCalls calls() {
        return calls;
    }

    /** The power-on state; application processors wait for INIT/SIPI (startup suspend). */
    void powerOn() throws WhpException {
        state.setGeneral(PowerOnState.general());
        state.setSegments(PowerOnState.segments());
        state.setControl(PowerOnState.control());
        state.setDebug(DebugRegisters.RESET);
        state.setFpu(FpuState.reset());
        calls.setRegisters(APIC_BASE, RegisterCodec.lows(PowerOnState.apicBase(index)));
        long activity = index == 0 ? 0 : BitFields.ACTIVITY_STARTUP_SUSPEND.set(0, 1);
        calls.setRegisters(ACTIVITY, RegisterCodec.lows(activity));
    }

    @Override
    public GeneralRegisters generalRegisters() {
        return state.general();
    }

    @Override
    public void setGeneralRegisters(GeneralRegisters registers) {
        state.unchecked(() -> state.setGeneral(registers));
    }

    @Override
    public SegmentRegisters segmentRegisters() {
        return state.segments();
    }

    @Override
    public void setSegmentRegisters(SegmentRegisters registers) {
        state.unchecked(() -> state.setSegments(registers));
    }

    @Override
    public ControlRegisters controlRegisters() {
        return state.control();
    }

    @Override
    public void setControlRegisters(ControlRegisters registers) {
        state.unchecked(() -> state.setControl(registers));
    }

    @Override
    public long readMsr(int msr) throws HypervisorException {
        return state.readMsr(msr);
    }

    @Override
    public void writeMsr(int msr, long value) throws HypervisorException {
        state.writeMsr(msr, value);
    }

    @Override
    public FpuState fpuState() {
        return state.fpu();
    }

    @Override
    public void setFpuState(FpuState fpu) {
        state.unchecked(() -> state.setFpu(fpu));
    }

    @Override
    public DebugRegisters debugRegisters() {
        return state.debug();
    }

    @Override
    public void setDebugRegisters(DebugRegisters registers) {
        state.unchecked(() -> state.setDebug(registers));
    }

    @Override
    public long instructionsRetired() {
        return -1;
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("index", index).field("stopRequested", stop).field("retired", retired)
                .field("exits", counts.total())
                .field("extIntWanted", injector.wanted()).field("extIntInjected", injector.injected())
                .field("interruptWindowArmed", injector.windowArmed());
        if (!lastFailure.isEmpty()) {
            node.field("lastFailure", lastFailure);
        }
        counts.inspect(node.child("exitsByReason"));
    }
}
