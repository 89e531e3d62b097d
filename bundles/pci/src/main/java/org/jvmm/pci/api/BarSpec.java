package org.jvmm.pci.api;

/**
 * One base address register of a function.
 *
 * @param index        0..5 (0..4 for {@link BarType#MEMORY64}, which also takes {@code index + 1})
 * @param type         I/O, 32-bit or 64-bit memory
 * @param size         a power of two: 16 bytes to 2 GiB for 32-bit memory, up to 2^40 for 64-bit
 *                     memory, 4..256 for I/O
 * @param prefetchable memory only: reads have no side effects and writes may be merged
 * @param handler      the registers behind it; null only for a BAR that holds nothing but the
 *                     MSI-X table and PBA
 */
public record BarSpec(int index, BarType type, long size, boolean prefetchable, BarHandler handler) {
    public BarSpec {
        String what = "pci bar " + index;
        int maxIndex = type == BarType.MEMORY64 ? 4 : 5;
        if (index < 0 || index > maxIndex) {
            throw new IllegalArgumentException(what + ": index must be 0.." + maxIndex + " for " + type);
        }
        if (Long.bitCount(size) != 1) {
            throw new IllegalArgumentException(what + ": size must be a power of two, got " + size);
        }
        long min = type == BarType.IO ? 4 : 16;
        long max = switch (type) {
            case IO -> 256;
            case MEMORY32 -> 1L << 31;
            case MEMORY64 -> 1L << 40;
        };
        if (size < min || size > max) {
            throw new IllegalArgumentException(what + ": size of a " + type + " BAR must be " + min + ".." + max
                    + ", got " + size);
        }
        if (type == BarType.IO && prefetchable) {
            throw new IllegalArgumentException(what + ": an I/O BAR cannot be prefetchable");
        }
    }

    public static BarSpec memory32(int index, long size, boolean prefetchable, BarHandler handler) {
        return new BarSpec(index, BarType.MEMORY32, size, prefetchable, handler);
    }

    public static BarSpec memory64(int index, long size, boolean prefetchable, BarHandler handler) {
        return new BarSpec(index, BarType.MEMORY64, size, prefetchable, handler);
    }

    public static BarSpec io(int index, long size, BarHandler handler) {
        return new BarSpec(index, BarType.IO, size, false, handler);
    }

    /** The low type bits of the BAR register. */
    int typeBits() {
        return switch (type) {
            case IO -> 1;
            case MEMORY32 -> prefetchable ? 0x8 : 0;
            case MEMORY64 -> 0x4 | (prefetchable ? 0x8 : 0);
        };
    }
}
