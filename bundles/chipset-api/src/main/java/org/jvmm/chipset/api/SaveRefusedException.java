package org.jvmm.chipset.api;

/**
 * What {@link StateUnit#save()} throws when the device cannot be saved now (a request still running,
 * files still open). {@code save()} declares no checked exception, so the {@link StateUnitException}
 * that says why travels as the cause of this unchecked one, with the same message. Snapshots, live
 * update and the worker restart report it and leave the VM as it was.
 */
public class SaveRefusedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SaveRefusedException(String message) {
        super(message, new StateUnitException(message));
    }

    /** The refusal as a {@link StateUnitException}. */
    public StateUnitException reason() {
        return (StateUnitException) getCause();
    }
}
