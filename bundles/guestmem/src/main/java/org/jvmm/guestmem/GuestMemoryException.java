package org.jvmm.guestmem;

/** A guest-physical access that is not entirely inside one RAM range, or a misaligned atomic. */
public final class GuestMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long gpa;
    private final long length;

    /** An access to {@code [gpa, gpa + length)} that is not RAM. */
    public GuestMemoryException(long gpa, long length) {
        this(gpa, length, "not guest RAM");
    }

    /** An access to {@code [gpa, gpa + length)} refused for {@code reason}. */
    public GuestMemoryException(long gpa, long length, String reason) {
        super("guest memory access gpa=0x%x length=0x%x: %s".formatted(gpa, length, reason));
        this.gpa = gpa;
        this.length = length;
    }

    /** The guest-physical address of the refused access. */
    public long gpa() {
        return gpa;
    }

    /** The length in bytes of the refused access. */
    public long length() {
        return length;
    }
}
