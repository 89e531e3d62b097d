package org.jvmm.hv.emu.impl.apic;

import java.util.StringJoiner;

/** A set of the 256 interrupt vectors (the layout of IRR, ISR and TMR). Not thread-safe. */
final class VectorBits {
    private final long[] words = new long[4];

    void set(int vector) {
        words[vector >>> 6] |= 1L << vector;
    }

    void clear(int vector) {
        words[vector >>> 6] &= ~(1L << vector);
    }

    void put(int vector, boolean on) {
        if (on) {
            set(vector);
        } else {
            clear(vector);
        }
    }

    boolean get(int vector) {
        return (words[vector >>> 6] & 1L << vector) != 0;
    }

    /** The highest vector in the set, or -1 when empty. */
    int highest() {
        for (int i = 3; i >= 0; i--) {
            long w = words[i];
            if (w != 0) {
                return i << 6 | 63 - Long.numberOfLeadingZeros(w);
            }
        }
        return -1;
    }

    boolean isEmpty() {
        return (words[0] | words[1] | words[2] | words[3]) == 0;
    }

    /** Bits {@code 32*index .. 32*index+31}, as the eight 32-bit registers of IRR, ISR or TMR show them. */
    int register(int index) {
        return (int) (words[index >>> 1] >>> ((index & 1) << 5));
    }

    /** Vectors {@code 64*index .. 64*index+63} as one word (for snapshots). */
    long word(int index) {
        return words[index];
    }

    void setWord(int index, long value) {
        words[index] = value;
    }

    void clearAll() {
        java.util.Arrays.fill(words, 0);
    }

    /** The vectors as a comma-separated list of hex numbers (for inspect). */
    String describe() {
        StringJoiner j = new StringJoiner(",");
        for (int v = 0; v < 256; v++) {
            if (get(v)) {
                j.add("0x" + Integer.toHexString(v));
            }
        }
        return j.toString();
    }
}
