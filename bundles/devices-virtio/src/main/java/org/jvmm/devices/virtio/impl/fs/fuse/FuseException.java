package org.jvmm.devices.virtio.impl.fs.fuse;

/**
 * A request that fails with a Linux errno, answered with {@code -errno} in fuse_out_header. Thrown only
 * inside the server, never out of the device; carries no stack trace (guest errors are routine).
 */
public final class FuseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public FuseException(int errno, String message) {
        super(message, null, false, false);
        this.errno = errno;
    }

    /** The positive Linux errno. */
    public int errno() {
        return errno;
    }
}
