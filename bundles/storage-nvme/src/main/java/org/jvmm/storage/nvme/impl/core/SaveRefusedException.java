package org.jvmm.storage.nvme.impl.core;

import org.jvmm.chipset.api.StateUnitException;

/**
 * The controller cannot be saved now (disk requests still running). {@code StateUnit.save()}
 * cannot throw checked exceptions, so the {@link StateUnitException} that says why travels as the
 * cause of this unchecked one, with the same message.
 */
public final class SaveRefusedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SaveRefusedException(String message) {
        super(message, new StateUnitException(message));
    }

    /** The refusal as the SPI's exception. */
    public StateUnitException reason() {
        return (StateUnitException) getCause();
    }
}
