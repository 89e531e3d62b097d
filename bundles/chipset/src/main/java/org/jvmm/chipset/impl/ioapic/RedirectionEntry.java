package org.jvmm.chipset.impl.ioapic;

/** Fields of a 64-bit I/O APIC redirection table entry and its x86 MSI form. */
final class RedirectionEntry {
    static final long VECTOR = 0xFF;
    static final long DELIVERY_STATUS = 1L << 12;
    static final long POLARITY_LOW = 1L << 13;
    static final long REMOTE_IRR = 1L << 14;
    static final long LEVEL = 1L << 15;
    static final long MASKED = 1L << 16;
    /** Bits the guest cannot write. */
    static final long READ_ONLY = DELIVERY_STATUS | REMOTE_IRR;
    /** Power-on value: masked, everything else zero. */
    static final long RESET = MASKED;
    static final int LOWEST_PRIORITY = 1;
    static final long MSI_BASE = 0xFEE0_0000L;

    private RedirectionEntry() {
    }

    static int vector(long e) {
        return (int) (e & VECTOR);
    }

    static int deliveryMode(long e) {
        return (int) (e >>> 8) & 7;
    }

    static boolean logical(long e) {
        return (e & (1L << 11)) != 0;
    }

    static boolean level(long e) {
        return (e & LEVEL) != 0;
    }

    static boolean masked(long e) {
        return (e & MASKED) != 0;
    }

    static int destination(long e) {
        return (int) (e >>> 56) & 0xFF;
    }

    /**
     * MSI address: 0xFEE00000, destination in bits 19:12, redirection hint (bit 3) for lowest
     * priority, destination mode in bit 2.
     */
    static long msiAddress(long e) {
        return MSI_BASE | (long) destination(e) << 12 | (deliveryMode(e) == LOWEST_PRIORITY ? 1L << 3 : 0)
                | (logical(e) ? 1L << 2 : 0);
    }

    /** MSI data: vector in bits 7:0, delivery mode in 10:8, level assert (bit 14), trigger mode in bit 15. */
    static int msiData(long e) {
        return vector(e) | deliveryMode(e) << 8 | 1 << 14 | (level(e) ? 1 << 15 : 0);
    }
}
