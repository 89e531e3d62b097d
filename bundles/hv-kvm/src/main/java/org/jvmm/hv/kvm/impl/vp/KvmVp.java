package org.jvmm.hv.kvm.impl.vp;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.jvmm.hv.kvm.impl.ffm.KvmVcpuFd;
import org.jvmm.hv.kvm.impl.ffm.NativeCallException;
import org.jvmm.inspect.InspectNode;

/**
 * One KVM vCPU (vCPU id = APIC ID = index). {@link #run} holds a lock for its whole duration, so the
 * state accessors can tell when they are called while it runs, and {@link #close} waits for it.
 */
public final class KvmVp implements VirtualProcessor {
    private final int index;
    private final KvmVcpuFd vcpu;
    private final VpKick kick;
    private final RegisterCache registers;
    private final RunLoop loop;
    private final PowerOnState powerOn;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stopRequested;
    private volatile boolean extIntRequested;
    /** The thread inside {@link #run}, or null. */
    private volatile Thread runner;

    public KvmVp(int index, KvmVcpuFd vcpu, PicLink pic, int kickSignal) {
        this.index = index;
        this.vcpu = vcpu;
        this.kick = new VpKick(vcpu.kvmRun(), kickSignal);
        this.registers = new RegisterCache(vcpu);
        this.loop = new RunLoop(this, vcpu, kick, pic);
        this.powerOn = PowerOnState.capture(vcpu);
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public VpExit run(CpuIo io) {
        Objects.requireNonNull(io, "io");
        running.lock();
        try {
            runner = Thread.currentThread();
            kick.enter();
            try {
                return loop.run(io);
            } finally {
                kick.leave();
                runner = null;
            }
        } finally {
            running.unlock();
        }
    }

    @Override
    public void requestStop() {
        stopRequested = true;
        kick.kick();
    }

    @Override
    public void clearStop() {
        stopRequested = false;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** An ExtINT request for this processor (an IOAPIC pin or MSI in ExtINT mode): take the PIC's vector. */
    public void requestExtInt() {
        extIntRequested = true;
        kick.kick();
    }

    /** Makes the loop look at the PIC's output again (it went high). */
    public void kickForInterrupt() {
        kick.kick();
    }

    boolean extIntRequested() {
        return extIntRequested;
    }

    void clearExtIntRequest() {
        extIntRequested = false;
    }

    RegisterCache registers() {
        return registers;
    }

    /**
     * Writes the local APIC's state back once all vCPUs exist. KVM builds its APIC-ID map while a vCPU
     * is being created, before that vCPU counts as online, so interrupts to an AP (INIT, SIPI, NMI)
     * find no destination until a KVM_SET_LAPIC rebuilds the map.
     */
    public void publishApic() {
        vcpu.setLapic(vcpu.getLapic());
    }

    /** Back to the power-on state captured at creation. */
    public void powerOn() {
        stopped("reset");
        registers.discard();
        extIntRequested = false;
        powerOn.restore(vcpu);
    }

    @Override
    public GeneralRegisters generalRegisters() {
        stopped("generalRegisters");
        return registers.general();
    }

    @Override
    public void setGeneralRegisters(GeneralRegisters r) {
        stopped("setGeneralRegisters");
        registers.setGeneral(Objects.requireNonNull(r, "registers"));
    }

    @Override
    public SegmentRegisters segmentRegisters() {
        stopped("segmentRegisters");
        return registers.special().segments();
    }

    @Override
    public void setSegmentRegisters(SegmentRegisters r) {
        stopped("setSegmentRegisters");
        registers.setSegments(Objects.requireNonNull(r, "registers"));
    }

    @Override
    public ControlRegisters controlRegisters() {
        stopped("controlRegisters");
        return registers.special().control();
    }

    @Override
    public void setControlRegisters(ControlRegisters r) {
        stopped("setControlRegisters");
        registers.setControl(Objects.requireNonNull(r, "registers"));
    }

    @Override
    public long readMsr(int msr) throws HypervisorException {
        stopped("readMsr");
        long[] value = new long[1];
        int n = msrCall(() -> vcpu.getMsrs(new int[] {msr}, value));
        if (n != 1) {
            throw new HypervisorException("KVM_GET_MSRS(vcpu " + index + "): KVM has no MSR 0x" + Integer.toHexString(msr));
        }
        return value[0];
    }

    @Override
    public void writeMsr(int msr, long value) throws HypervisorException {
        stopped("writeMsr");
        int n = msrCall(() -> vcpu.setMsrs(new int[] {msr}, new long[] {value}));
        if (n != 1) {
            throw new HypervisorException("KVM_SET_MSRS(vcpu " + index + "): MSR 0x" + Integer.toHexString(msr)
                    + " rejected value 0x" + Long.toHexString(value));
        }
    }

    @Override
    public FpuState fpuState() {
        stopped("fpuState");
        return vcpu.getFpu();
    }

    @Override
    public void setFpuState(FpuState state) {
        stopped("setFpuState");
        vcpu.setFpu(Objects.requireNonNull(state, "state"));
    }

    @Override
    public DebugRegisters debugRegisters() {
        stopped("debugRegisters");
        return vcpu.getDebugRegs();
    }

    @Override
    public void setDebugRegisters(DebugRegisters r) {
        stopped("setDebugRegisters");
        vcpu.setDebugRegs(Objects.requireNonNull(r, "registers"));
    }

    @Override
    public long instructionsRetired() {
        return -1;
    }

    /** The KVM multiprocessing state (runnable, halted, waiting for SIPI...); only while stopped. */
    public int mpState() {
        stopped("mpState");
        return vcpu.getMpState();
    }

    @Override
    public void inspect(InspectNode node) {
        VpInspect.describe(node, this, loop, kick, powerOn);
        if (running.tryLock()) {
            try {
                VpInspect.describeStopped(node, registers, vcpu);
            } finally {
                running.unlock();
            }
        }
    }

    /** Whether a thread is inside {@link #run}. */
    public boolean isRunning() {
        return runner != null;
    }

    /** Waits up to {@code millis} for {@link #run} to return, then closes the vCPU; false if it did not. */
    public boolean close(long millis) throws InterruptedException {
        if (!running.tryLock(millis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        try {
            vcpu.close();
            return true;
        } finally {
            running.unlock();
        }
    }

    /** MSR writes go straight to KVM: write back cached registers first and re-read them after (EFER, APIC base). */
    private int msrCall(MsrAccess access) throws HypervisorException {
        try {
            registers.flush();
            return access.call();
        } catch (NativeCallException e) {
            throw new HypervisorException(e.getMessage(), e);
        } finally {
            registers.invalidate();
        }
    }

    private interface MsrAccess {
        int call();
    }

    private void stopped(String what) {
        Thread t = runner;
        if (t != null && t != Thread.currentThread()) {
            throw new IllegalStateException("vp " + index + ": " + what + " only while it is not running");
        }
    }
}
