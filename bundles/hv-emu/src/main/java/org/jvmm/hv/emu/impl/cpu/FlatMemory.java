package org.jvmm.hv.emu.impl.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** RAM from guest-physical 0 up to the segment's size; everything above is MMIO. */
public final class FlatMemory implements PhysicalMemory {

    private final MemorySegment ram;
    private final long size;

    public FlatMemory(MemorySegment ram) {
        this.ram = ram;
        this.size = ram.byteSize();
    }

    /** A zeroed RAM of {@code bytes} bytes (a multiple of 4 KiB) in its own arena. */
    public static FlatMemory allocate(long bytes) {
        if ((bytes & 0xFFF) != 0) {
            throw new IllegalArgumentException("RAM size " + bytes + " is not a multiple of 4096");
        }
        return new FlatMemory(Arena.ofAuto().allocate(bytes, 4096));
    }

    @Override
    public MemorySegment ram() {
        return ram;
    }

    @Override
    public long ramOffset(long gpa, boolean write) {
        return Long.compareUnsigned(gpa, size) < 0 ? gpa : -1;
    }
}
