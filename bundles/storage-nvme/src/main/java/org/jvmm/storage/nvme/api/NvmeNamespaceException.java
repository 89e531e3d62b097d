package org.jvmm.storage.nvme.api;

/** A namespace cannot be added or removed; the message is one line naming the controller and id. */
public final class NvmeNamespaceException extends Exception {
    private static final long serialVersionUID = 1L;

    public NvmeNamespaceException(String message) {
        super(message);
    }
}
