package org.jvmm.guestmem;

/**
 * A guest-physical RAM range {@code [gpa, gpa + size)} backed by the RAM segment's bytes
 * {@code [offset, offset + size)}.
 *
 * @param gpa    first guest-physical address, page aligned, not negative
 * @param size   length in bytes, page aligned, positive, {@code gpa + size} must not overflow
 * @param offset offset in the RAM segment, page aligned, not negative
 */
public record RamRange(long gpa, long size, long offset) {

    /** Page size every range boundary is aligned to. */
    public static final long PAGE_SIZE = 4096;

    public RamRange {
        if (gpa < 0 || size <= 0 || offset < 0) {
            throw new IllegalArgumentException(describe(gpa, size, offset)
                    + ": gpa and offset must not be negative, size must be positive");
        }
        if (((gpa | size | offset) & (PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException(describe(gpa, size, offset) + ": not page aligned");
        }
        if (gpa + size < 0 || offset + size < 0) {
            throw new IllegalArgumentException(describe(gpa, size, offset) + ": end overflows");
        }
    }

    /** The first guest-physical address after this range. */
    public long end() {
        return gpa + size;
    }

    /** The first segment offset after this range. */
    public long offsetEnd() {
        return offset + size;
    }

    /**
     * The segment offset of {@code gpa} if {@code [gpa, gpa + len)} lies entirely in this range,
     * else -1. Safe for any input (negative, huge, overflowing); never allocates.
     */
    public long offsetOf(long gpa, long len) {
        long delta = gpa - this.gpa;
        if (gpa < this.gpa || len < 0 || len > size || delta > size - len) {
            return -1;
        }
        return offset + delta;
    }

    private static String describe(long gpa, long size, long offset) {
        return "RAM range gpa=0x%x size=0x%x offset=0x%x".formatted(gpa, size, offset);
    }
}
