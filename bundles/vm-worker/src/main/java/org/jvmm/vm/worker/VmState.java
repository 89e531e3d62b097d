package org.jvmm.vm.worker;

/**
 * The lifecycle of a VM. Steady states: {@link #CREATED} (built, never run), {@link #RUNNING},
 * {@link #PAUSED}, {@link #STOPPED} (terminal, resources released) and {@link #FAILED} (processors
 * halted after an unrecoverable guest or backend error; memory and inspect stay available, and
 * the VM can be reset or stopped). The others are the transitions between them.
 */
public enum VmState {
    CREATED("not started"),
    STARTING("starting"),
    RUNNING("running"),
    PAUSING("pausing"),
    PAUSED("paused"),
    RESETTING("resetting"),
    STOPPING("stopping"),
    STOPPED("stopped"),
    FAILED("failed");

    private final String description;

    VmState(String description) {
        this.description = description;
    }

    /** How the state reads in a sentence: {@code VM is not started}, {@code VM is running}. */
    public String description() {
        return description;
    }
}
