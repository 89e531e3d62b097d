package org.jvmm.pci.impl.firmware;

/**
 * The host's windows resources are placed in.
 *
 * @param lowBase  32-bit memory window base
 * @param lowSize  its size
 * @param highBase 64-bit window base
 * @param highSize its size, 0 when there is none
 * @param ioBase   I/O window base
 * @param ioSize   its size
 */
public record Windows(long lowBase, long lowSize, long highBase, long highSize, long ioBase, long ioSize) {
    long base(Space s) {
        return switch (s) {
            case IO -> ioBase;
            case LOW -> lowBase;
            case HIGH -> highBase;
        };
    }

    long end(Space s) {
        return switch (s) {
            case IO -> ioBase + ioSize;
            case LOW -> lowBase + lowSize;
            case HIGH -> highBase + highSize;
        };
    }

    boolean hasHigh() {
        return highSize > 0;
    }
}
