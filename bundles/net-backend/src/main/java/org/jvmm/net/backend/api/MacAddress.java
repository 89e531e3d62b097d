package org.jvmm.net.backend.api;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 48-bit Ethernet MAC address.
 *
 * @param value the address as an unsigned 48-bit number, first octet most significant
 */
public record MacAddress(long value) {
    /** Microsoft's OUI, which OpenVMM and Hyper-V use for generated addresses. */
    public static final long GENERATED_OUI = 0x00_15_5DL;
    private static final long MASK = (1L << 48) - 1;

    public MacAddress {
        if ((value & ~MASK) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits: 0x" + Long.toHexString(value));
        }
    }

    /**
     * Parses six hex octets separated by {@code :} or {@code -}, such as {@code 00:15:5d:12:34:56}.
     *
     * @throws IllegalArgumentException naming the text when it is not such an address
     */
    public static MacAddress parse(String text) {
        if (text == null || text.length() != 17) {
            throw invalid(text);
        }
        char sep = text.charAt(2);
        if (sep != ':' && sep != '-') {
            throw invalid(text);
        }
        long v = 0;
        for (int i = 0; i < 6; i++) {
            int at = 3 * i;
            if (i > 0 && text.charAt(at - 1) != sep
                    || !HexFormat.isHexDigit(text.charAt(at)) || !HexFormat.isHexDigit(text.charAt(at + 1))) {
                throw invalid(text);
            }
            v = v << 8 | HexFormat.fromHexDigits(text, at, at + 2);
        }
        return new MacAddress(v);
    }

    /** An address {@code 00:15:5d:xx:xx:xx} with the last three octets from {@code random}. */
    public static MacAddress generated(RandomGenerator random) {
        return new MacAddress(GENERATED_OUI << 24 | random.nextInt(1 << 24));
    }

    /** From the six octets of {@code bytes} starting at {@code offset}. */
    public static MacAddress of(byte[] bytes, int offset) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (bytes[offset + i] & 0xFF);
        }
        return new MacAddress(v);
    }

    /** Octet {@code i} (0 is the first on the wire). */
    public int octet(int i) {
        if (i < 0 || i > 5) {
            throw new IndexOutOfBoundsException("octet " + i);
        }
        return (int) (value >>> (8 * (5 - i))) & 0xFF;
    }

    /** The six octets in wire order. */
    public byte[] bytes() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) octet(i);
        }
        return b;
    }

    /** Group address (the I/G bit of the first octet); broadcast is one. */
    public boolean isMulticast() {
        return (octet(0) & 1) != 0;
    }

    public boolean isBroadcast() {
        return value == MASK;
    }

    /** Lower-case, colon-separated: {@code 00:15:5d:12:34:56}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(HexFormat.of().toHexDigits((byte) octet(i)));
        }
        return sb.toString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("MAC address must be six hex octets like 00:15:5d:12:34:56, got " + text);
    }
}
