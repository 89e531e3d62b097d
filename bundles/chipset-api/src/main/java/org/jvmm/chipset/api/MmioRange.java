package org.jvmm.chipset.api;

/** A guest-physical range claimed for MMIO by a device. */
public record MmioRange(String name, long start, long length) {
    public MmioRange {
        if (length < 1 || start < 0 || start + length < start) {
            throw new IllegalArgumentException("mmio range " + name + ": invalid start/length");
        }
    }

    public boolean contains(long address) {
        return address >= start && address - start < length;
    }
}
