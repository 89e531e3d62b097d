package org.jvmm.devices.virtio.impl.fs.fuse;

import java.nio.charset.StandardCharsets;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;

/**
 * A little-endian cursor over one request's bytes {@code [0, limit)}. Reading past the end, or a string
 * without its NUL, fails the request with EINVAL.
 */
public final class FuseIn {
    /** The longest NUL-terminated string accepted (PATH_MAX). */
    public static final int MAX_STRING = 4096;

    private final byte[] buf;
    private final int limit;
    private int pos;

    public FuseIn(byte[] buf, int offset, int limit) {
        this.buf = buf;
        this.pos = offset;
        this.limit = limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public int position() {
        return pos;
    }

    private void need(int n) throws ErrnoException {
        if (n < 0 || n > limit - pos) {
            throw new ErrnoException(Errno.EINVAL, "request truncated");
        }
    }

    public int u16() throws ErrnoException {
        need(2);
        int v = buf[pos] & 0xFF | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public int u32() throws ErrnoException {
        need(4);
        int v = buf[pos] & 0xFF | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public long u64() throws ErrnoException {
        long lo = u32() & 0xFFFF_FFFFL;
        return lo | (long) u32() << 32;
    }

    public void skip(int n) throws ErrnoException {
        need(n);
        pos += n;
    }

    /** A NUL-terminated UTF-8 string (the NUL consumed, not returned). */
    public String str() throws ErrnoException {
        int end = pos;
        while (end < limit && buf[end] != 0) {
            end++;
        }
        if (end == limit) {
            throw new ErrnoException(Errno.EINVAL, "string without NUL");
        }
        if (end - pos > MAX_STRING) {
            throw new ErrnoException(Errno.ENAMETOOLONG, "string too long");
        }
        String s = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
        pos = end + 1;
        return s;
    }

    /** The backing array and the offset of the next {@code n} bytes, which are consumed. */
    public int take(int n) throws ErrnoException {
        need(n);
        int at = pos;
        pos += n;
        return at;
    }

    public byte[] array() {
        return buf;
    }
}
