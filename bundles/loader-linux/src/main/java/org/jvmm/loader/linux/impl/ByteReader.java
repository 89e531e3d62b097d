package org.jvmm.loader.linux.impl;

/** Little-endian reads from an image; out-of-range reads throw {@link IndexOutOfBoundsException}. */
public final class ByteReader {
    private ByteReader() {
    }

    public static int u8(byte[] b, long at) {
        return b[Math.toIntExact(at)] & 0xFF;
    }

    public static int u16(byte[] b, long at) {
        return u8(b, at) | u8(b, at + 1) << 8;
    }

    public static long u32(byte[] b, long at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xFFFF_FFFFL;
    }

    public static long u64(byte[] b, long at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }

    /** Whether {@code [at, at + len)} lies inside {@code b}. */
    public static boolean within(byte[] b, long at, long len) {
        return at >= 0 && len >= 0 && at <= b.length && len <= b.length - at;
    }
}
