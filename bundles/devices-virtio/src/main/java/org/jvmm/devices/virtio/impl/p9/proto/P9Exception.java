package org.jvmm.devices.virtio.impl.p9.proto;

/**
 * A request that fails with a Linux errno: the server answers it with Rlerror. Thrown only inside the
 * server, never out of the device; carries no stack trace (guest errors are routine).
 */
public final class P9Exception extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public P9Exception(int errno, String message) {
        super(message, null, false, false);
        this.errno = errno;
    }

    /** The Linux errno for Rlerror. */
    public int errno() {
        return errno;
    }
}
