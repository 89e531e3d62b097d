package org.jvmm.vm.worker;

/** A snapshot that cannot be saved or restored; the message names the device, unit or manifest field. */
public final class SnapshotException extends Exception {
    private static final long serialVersionUID = 1L;

    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
