package org.jvmm.loader.linux.impl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte writer for the boot structures (tables, info blocks). */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter() {
        this(64);
    }

    public ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return size;
    }

    public ByteWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    public ByteWriter u32(long v) {
        return u16((int) v).u16((int) (v >>> 16));
    }

    public ByteWriter u64(long v) {
        return u32(v).u32(v >>> 32);
    }

    public ByteWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public ByteWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** {@code text} in ASCII, cut or padded with {@code pad} to exactly {@code width} bytes. */
    public ByteWriter ascii(String text, int width, char pad) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < width; i++) {
            u8(i < b.length ? b[i] : pad);
        }
        return this;
    }

    /** Appends zero bytes up to a multiple of {@code alignment}. */
    public ByteWriter align(int alignment) {
        while (size % alignment != 0) {
            u8(0);
        }
        return this;
    }

    /** Appends {@code count} zero bytes. */
    public ByteWriter zeros(int count) {
        ensure(count);
        size += count;
        return this;
    }

    public void putU8(int at, int v) {
        java.util.Objects.checkIndex(at, size);
        buf[at] = (byte) v;
    }

    public void putU32(int at, long v) {
        for (int i = 0; i < 4; i++) {
            putU8(at + i, (int) (v >>> (8 * i)));
        }
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
