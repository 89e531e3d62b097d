package org.jvmm.devices.virtio.impl.p9.proto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;

/**
 * Reads the little-endian fields of one 9P message body. Reading past the end of the message is a
 * protocol error ({@link Errno#EPROTO}), never an index exception.
 */
public final class P9Reader {
    private final byte[] buf;
    private final int end;
    private int pos;

    /** Reads {@code buf[off, end)}. */
    public P9Reader(byte[] buf, int off, int end) {
        if (off < 0 || end > buf.length || off > end) {
            throw new IllegalArgumentException("range [" + off + ", " + end + ") outside " + buf.length + " bytes");
        }
        this.buf = buf;
        this.pos = off;
        this.end = end;
    }

    public int remaining() {
        return end - pos;
    }

    public int u8() throws ErrnoException {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public int u16() throws ErrnoException {
        need(2);
        int v = buf[pos] & 0xFF | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    /** A 32-bit field, raw (use {@link Integer#toUnsignedLong} where it is a count). */
    public int u32() throws ErrnoException {
        need(4);
        int v = buf[pos] & 0xFF | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public long u64() throws ErrnoException {
        long lo = Integer.toUnsignedLong(u32());
        long hi = Integer.toUnsignedLong(u32());
        return lo | hi << 32;
    }

    /** A string: length[2] then UTF-8 bytes. Malformed UTF-8 is {@link Errno#EINVAL}. */
    public String str() throws ErrnoException {
        int len = u16();
        need(len);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, pos, len)).toString();
            pos += len;
            return s;
        } catch (CharacterCodingException e) {
            throw new ErrnoException(Errno.EINVAL, "string is not UTF-8");
        }
    }

    /** The offset of the next unread byte in the backing array (for data that is used in place). */
    public int position() {
        return pos;
    }

    /** Skips {@code n} bytes (data used in place). */
    public void skip(int n) throws ErrnoException {
        need(n);
        pos += n;
    }

    /** The backing array (data used in place between {@link #position()} and a {@link #skip}). */
    public byte[] array() {
        return buf;
    }

    private void need(int n) throws ErrnoException {
        if (n < 0 || n > end - pos) {
            throw new ErrnoException(Errno.EPROTO, "message truncated");
        }
    }
}
