package org.jvmm.hv.api;

import org.jvmm.inspect.Inspectable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One virtual processor. {@link #run(CpuIo)} is called on the VP's own thread; the state accessors
 * only while it is not running (after {@link VpExit.Stopped} or before the first run).
 */
@ConsumerType
public interface VirtualProcessor extends Inspectable {
    int index();

    /** Runs guest code until an exit; sleeps inside while halted and wakes on interrupts or stop. */
    VpExit run(CpuIo io);

    /** Makes a current or the next {@link #run} return {@link VpExit.Stopped} promptly. Thread-safe. */
    void requestStop();

    /** Clears a pending stop request so that {@link #run} runs again. */
    void clearStop();

    GeneralRegisters generalRegisters();

    void setGeneralRegisters(GeneralRegisters registers);

    SegmentRegisters segmentRegisters();

    void setSegmentRegisters(SegmentRegisters registers);

    ControlRegisters controlRegisters();

    void setControlRegisters(ControlRegisters registers);

    /** Reads an MSR the way RDMSR would; an MSR the backend does not model is an exception. */
    long readMsr(int msr) throws HypervisorException;

    void writeMsr(int msr, long value) throws HypervisorException;

    FpuState fpuState();

    void setFpuState(FpuState state);

    DebugRegisters debugRegisters();

    void setDebugRegisters(DebugRegisters registers);

    /** Instructions retired so far, or -1 where the backend cannot count them. */
    long instructionsRetired();

    /**
     * The processor's whole state for a snapshot, taken while it is not running.
     *
     * @throws HypervisorException naming what the backend cannot save
     */
    default SavedBackendState saveState() throws HypervisorException {
        throw new HypervisorException("vp " + index() + ": this hypervisor backend cannot save processor state");
    }

    /**
     * Restores what {@link #saveState()} wrote, while the processor is not running.
     *
     * @throws HypervisorException naming the backend or version that does not match
     */
    default void restoreState(SavedBackendState state) throws HypervisorException {
        throw new HypervisorException("vp " + index() + ": this hypervisor backend cannot restore processor state");
    }
}
