package org.jvmm.chipset.api;

/**
 * A {@link PciHost} could not attach or detach a function: unknown or occupied port, no free
 * slot, a port without hot-plug while the guest runs, a device without PCI configuration space.
 * The message is one line and names the host and the placement.
 */
public class PciAttachException extends Exception {
    private static final long serialVersionUID = 1L;

    public PciAttachException(String message) {
        super(message);
    }
}
