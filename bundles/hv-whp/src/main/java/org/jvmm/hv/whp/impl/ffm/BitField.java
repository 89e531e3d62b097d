package org.jvmm.hv.whp.impl.ffm;

/**
 * A C bit-field of a WinHvPlatform type, described once for Java decoding and encoding and for the ABI
 * check (which initialises {@code cField} of {@code cType} to all ones and compares the bytes GCC emits).
 *
 * @param cType      the C type that holds the field, as spelt in {@code <winhvplatformdefs.h>}
 * @param cField     the field's C name (a designator that works in an initialiser)
 * @param byteOffset where the little-endian word that holds the field starts in {@code cType}
 * @param shift      the field's lowest bit in that word
 * @param width      the field's width in bits (1..63)
 */
public record BitField(String cType, String cField, int byteOffset, int shift, int width) {
    public BitField {
        if (width < 1 || width > 63 || shift < 0 || shift + width > 64 || byteOffset < 0) {
            throw new IllegalArgumentException("bad bit-field " + cType + "." + cField);
        }
    }

    /** The field's mask before shifting: {@code width} ones. */
    public long mask() {
        return (1L << width) - 1;
    }

    /** The field's value in {@code word}, the little-endian word at {@link #byteOffset}. */
    public long get(long word) {
        return (word >>> shift) & mask();
    }

    /** Whether a one-bit field is set in {@code word}. */
    public boolean test(long word) {
        return get(word) != 0;
    }

    /** {@code word} with this field replaced by {@code value} (truncated to the field's width). */
    public long set(long word, long value) {
        return (word & ~(mask() << shift)) | ((value & mask()) << shift);
    }
}
