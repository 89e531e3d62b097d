package org.jvmm.hv.emu.impl.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Guest-physical memory as the CPU sees it: all RAM (and ROM) lives in one {@link MemorySegment};
 * {@link #ramOffset} maps a guest-physical address to a byte offset in it. Addresses that are not
 * RAM (or ROM written to) go to the {@link IoBus} as MMIO.
 */
public interface PhysicalMemory {

    /** The segment that backs all guest RAM and ROM. */
    MemorySegment ram();

    /**
     * Byte offset in {@link #ram()} of guest-physical address {@code gpa}, or -1 when the address is
     * not RAM (or is ROM and {@code write} is true). The answer must be the same for every byte of a
     * 4 KiB page: the CPU caches it per page.
     */
    long ramOffset(long gpa, boolean write);

    /** Reads {@code size} (1, 2, 4 or 8) bytes of RAM, or all ones when {@code gpa} is not RAM. */
    default long read(long gpa, int size) {
        long off = ramOffset(gpa, false);
        if (off < 0) {
            return size == 8 ? -1L : (1L << (size * 8)) - 1;
        }
        MemorySegment m = ram();
        return switch (size) {
            case 1 -> m.get(ValueLayout.JAVA_BYTE, off) & 0xFFL;
            case 2 -> m.get(ValueLayout.JAVA_SHORT_UNALIGNED, off) & 0xFFFFL;
            case 4 -> m.get(ValueLayout.JAVA_INT_UNALIGNED, off) & 0xFFFF_FFFFL;
            default -> m.get(ValueLayout.JAVA_LONG_UNALIGNED, off);
        };
    }

    /** Writes {@code size} (1, 2, 4 or 8) bytes of RAM; a write outside RAM is dropped. */
    default void write(long gpa, int size, long value) {
        long off = ramOffset(gpa, true);
        if (off < 0) {
            return;
        }
        MemorySegment m = ram();
        switch (size) {
            case 1 -> m.set(ValueLayout.JAVA_BYTE, off, (byte) value);
            case 2 -> m.set(ValueLayout.JAVA_SHORT_UNALIGNED, off, (short) value);
            case 4 -> m.set(ValueLayout.JAVA_INT_UNALIGNED, off, (int) value);
            default -> m.set(ValueLayout.JAVA_LONG_UNALIGNED, off, value);
        }
    }
}
