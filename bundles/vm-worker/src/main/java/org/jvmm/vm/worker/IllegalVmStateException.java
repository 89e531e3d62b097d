package org.jvmm.vm.worker;

/**
 * An operation that the VM's current state does not allow, e.g.
 * {@code cannot resume: VM is running}. Thrown at once; an illegal operation never waits.
 */
public class IllegalVmStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient VmState state;

    public IllegalVmStateException(String operation, VmState state) {
        super("cannot " + operation + ": VM is " + state.description());
        this.state = state;
    }

    /** The state the VM was in. */
    public VmState state() {
        return state;
    }
}
