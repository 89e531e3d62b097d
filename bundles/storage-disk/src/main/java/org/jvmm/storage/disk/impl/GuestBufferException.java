package org.jvmm.storage.disk.impl;

/**
 * A request buffer could not be accessed: its memory is closed or unmapped, owned by another
 * thread, or read-only where the disk must write into it. {@link Requests#failure} turns it into
 * {@code MEMORY_ERROR}; any other runtime exception is a bug and becomes {@code IO_ERROR}.
 */
public final class GuestBufferException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GuestBufferException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Runs an access to request buffers, turning the segment and NIO access failures into this exception. */
    public static void access(Runnable access) {
        try {
            access.run();
        } catch (IllegalStateException | WrongThreadException | UnsupportedOperationException
                | IllegalArgumentException e) {
            throw new GuestBufferException("buffer not accessible: " + e.getMessage(), e);
        }
    }
}
