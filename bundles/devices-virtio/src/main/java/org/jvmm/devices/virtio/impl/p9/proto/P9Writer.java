package org.jvmm.devices.virtio.impl.p9.proto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;

/**
 * Builds one 9P reply of at most {@code limit} bytes (the negotiated msize and the room the driver gave).
 * The body starts after the 7-byte header, which {@link #finish} fills in. A reply that would exceed
 * the limit is {@link Errno#ERANGE}.
 */
public final class P9Writer {
    private final int limit;
    private byte[] buf;
    private int pos = P9Type.HEADER;

    public P9Writer(int limit) {
        if (limit < P9Type.HEADER) {
            throw new IllegalArgumentException("reply limit " + limit + " is below the 9P header size");
        }
        this.limit = limit;
        this.buf = new byte[Math.min(limit, 256)];
    }

    /** Bytes the body may still grow by. */
    public int room() {
        return limit - pos;
    }

    public P9Writer u8(int v) throws ErrnoException {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public P9Writer u16(int v) throws ErrnoException {
        ensure(2);
        buf[pos] = (byte) v;
        buf[pos + 1] = (byte) (v >>> 8);
        pos += 2;
        return this;
    }

    public P9Writer u32(int v) throws ErrnoException {
        ensure(4);
        put32(pos, v);
        pos += 4;
        return this;
    }

    public P9Writer u64(long v) throws ErrnoException {
        u32((int) v);
        return u32((int) (v >>> 32));
    }

    public P9Writer str(String s) throws ErrnoException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xFFFF) {
            throw new ErrnoException(Errno.ERANGE, "string longer than 65535 bytes");
        }
        u16(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** Reserves {@code n} bytes to fill in place through {@link #array()}; returns their offset. */
    public int reserve(int n) throws ErrnoException {
        ensure(n);
        int at = pos;
        pos += n;
        return at;
    }

    /** Gives back the end of a reservation that was not filled: the body ends at {@code end}. */
    public void truncate(int end) {
        if (end < P9Type.HEADER || end > pos) {
            throw new IllegalArgumentException("truncate to " + end + " outside [7, " + pos + "]");
        }
        pos = end;
    }

    /** The current end of the body. */
    public int position() {
        return pos;
    }

    /** The backing array, valid until the next write. */
    public byte[] array() {
        return buf;
    }

    /** Stores a 32-bit value at {@code at} (inside what was written), e.g. a count known only later. */
    public void put32(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
        buf[at + 3] = (byte) (v >>> 24);
    }

    /** Fills in the header and returns the whole message. */
    public byte[] finish(int type, int tag) {
        put32(0, pos);
        buf[4] = (byte) type;
        buf[5] = (byte) tag;
        buf[6] = (byte) (tag >>> 8);
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int n) throws ErrnoException {
        if (n > limit - pos) {
            throw new ErrnoException(Errno.ERANGE, "reply larger than " + limit + " bytes");
        }
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(limit, Math.max(pos + (long) n, 2L * buf.length)));
        }
    }
}
