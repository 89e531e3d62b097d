package org.jvmm.hv.whp.impl.ffm;

import org.jvmm.hv.api.Segment;

/**
 * The processor state every exit reports ({@code WHV_VP_EXIT_CONTEXT}).
 *
 * @param executionState    the {@code WHV_X64_VP_EXECUTION_STATE} bits
 * @param instructionLength length of the intercepted instruction where the hypervisor knows it, else 0
 * @param cs                the code segment, attributes in hv-api form
 */
public record VpContext(int executionState, int instructionLength, int cr8, Segment cs, long rip, long rflags) {
    private static final long RFLAGS_IF = 1L << 9;

    public boolean protectedMode() {
        return BitFields.EXEC_CR0_PE.test(executionState);
    }

    public boolean longModeActive() {
        return BitFields.EXEC_EFER_LMA.test(executionState);
    }

    public boolean interruptShadow() {
        return BitFields.EXEC_INTERRUPT_SHADOW.test(executionState);
    }

    /** An event is already being injected (delivery of an earlier interruption is in progress). */
    public boolean interruptionPending() {
        return BitFields.EXEC_INTERRUPTION_PENDING.test(executionState);
    }

    public int cpl() {
        return (int) BitFields.EXEC_CPL.get(executionState);
    }

    public boolean interruptsEnabled() {
        return (rflags & RFLAGS_IF) != 0;
    }

    /** Whether a maskable interrupt could be injected right now (IF set, no shadow, nothing in flight). */
    public boolean readyForInterrupt() {
        return interruptsEnabled() && !interruptShadow() && !interruptionPending();
    }
}
