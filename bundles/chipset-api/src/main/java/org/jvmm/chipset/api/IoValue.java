package org.jvmm.chipset.api;

/**
 * A reusable out-parameter for reads (one per VP thread), so that a read allocates nothing.
 * Values are little-endian in the low {@code size * 8} bits.
 */
public final class IoValue {
    private long value;

    public void set(long v) {
        value = v;
    }

    public long get() {
        return value;
    }
}
