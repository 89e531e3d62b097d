package org.jvmm.chipset.api;

/** A saved state that a {@link StateUnit} cannot read; the message names the unit and why. */
public final class StateUnitException extends Exception {
    private static final long serialVersionUID = 1L;

    public StateUnitException(String message) {
        super(message);
    }

    public StateUnitException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The error for a version the unit does not know. */
    public static StateUnitException unknownVersion(String unit, int version, int supported) {
        return new StateUnitException(unit + ": saved state version " + version
                + " is not readable (this device reads version " + supported + ")");
    }
}
