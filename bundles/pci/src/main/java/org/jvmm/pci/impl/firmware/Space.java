package org.jvmm.pci.impl.firmware;

/** The address spaces resources are placed in. */
enum Space {
    /** The I/O window; bridge windows are 4 KiB granular. */
    IO(0x1000),
    /** The 32-bit memory window (bridges' non-prefetchable window); 1 MiB granular. */
    LOW(1L << 20),
    /** The 64-bit window (bridges' prefetchable window): 64-bit prefetchable BARs only. */
    HIGH(1L << 20);

    private final long granularity;

    Space(long granularity) {
        this.granularity = granularity;
    }

    long granularity() {
        return granularity;
    }
}
