package org.jvmm.hv.api;

/**
 * Why {@link VirtualProcessor#run(CpuIo)} returned. Port I/O and MMIO are not returned: the backend
 * dispatches them to {@link CpuIo} while it runs, and counts them in the VP's statistics. A halted
 * processor that an interrupt can wake sleeps inside {@code run}; it never spins.
 */
public sealed interface VpExit {
    /** {@link VirtualProcessor#requestStop()} was called (pause, stop, state access). */
    record Stopped() implements VpExit {
    }

    /** HLT with nothing that can wake it (interrupts disabled, no NMI pending). */
    record Halted(long rip) implements VpExit {
    }

    /** The processor entered shutdown: a triple fault, or a shutdown-inducing condition. */
    record Shutdown(ShutdownReason reason, String detail) implements VpExit {
    }

    /** A debug event: single step, breakpoint, hardware watchpoint. */
    record Debug(DebugReason reason, long rip) implements VpExit {
    }

    /** The backend could not execute the guest's instruction (an emulator gap or an internal error). */
    record EmulationFailure(long rip, String detail) implements VpExit {
    }

    enum ShutdownReason { TRIPLE_FAULT, INTERNAL_ERROR }

    enum DebugReason { SINGLE_STEP, BREAKPOINT, WATCHPOINT }
}
