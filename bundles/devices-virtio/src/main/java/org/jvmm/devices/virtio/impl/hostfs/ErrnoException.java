package org.jvmm.devices.virtio.impl.hostfs;

/**
 * A request that fails with a Linux errno: 9P answers it with Rlerror, FUSE with {@code -errno} in
 * fuse_out_header. Thrown only inside a file server, never out of the device; carries no stack trace
 * (guest errors are routine).
 */
public final class ErrnoException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public ErrnoException(int errno, String message) {
        super(message, null, false, false);
        this.errno = errno;
    }

    /** The positive Linux errno. */
    public int errno() {
        return errno;
    }
}
