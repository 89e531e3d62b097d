package org.jvmm.vm.worker.impl.lifecycle;

import org.jvmm.hv.api.VpExit;

/**
 * Something the guest or a processor did that changes the VM's state. Raised on VP and device
 * threads, handled on the VM's control thread (a VP thread must not wait for itself to park).
 */
public sealed interface GuestEvent {
    /** The guest switched itself off (ACPI PM, power button). */
    record PowerOff() implements GuestEvent {
    }

    /** The guest asked jvmm to exit with {@code status} (debug-exit device). */
    record Exit(int status) implements GuestEvent {
    }

    /** The guest asked for a reset (port 0xCF9, keyboard controller). */
    record Reset() implements GuestEvent {
    }

    /** Processor {@code vp} entered shutdown (triple fault) or hit an internal error. */
    record Shutdown(int vp, VpExit.ShutdownReason reason, String detail) implements GuestEvent {
    }

    /** Processor {@code vp} could not execute an instruction, or its backend failed. */
    record Failure(int vp, long rip, String detail) implements GuestEvent {
    }

    /** A debug exit with no debugger attached: the VM pauses. */
    record Debug(int vp, VpExit.DebugReason reason, long rip) implements GuestEvent {
    }

    /** Where events go. Must not block. */
    @FunctionalInterface
    interface Sink {
        void post(GuestEvent event);
    }
}
