package org.jvmm.devices.virtio.impl.fs.fuse;

import java.util.Arrays;

/** A growable little-endian buffer for a reply's body (what follows fuse_out_header). */
public final class FuseOut {
    private byte[] buf = new byte[128];
    private int pos;

    public int position() {
        return pos;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public FuseOut u16(int v) {
        ensure(2);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        return this;
    }

    public FuseOut u32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[pos++] = (byte) (v >>> 8 * i);
        }
        return this;
    }

    public FuseOut u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (v >>> 8 * i);
        }
        return this;
    }

    public FuseOut bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    public FuseOut zeros(int n) {
        ensure(n);
        pos += n;
        return this;
    }

    /** Zero bytes up to the next multiple of 8. */
    public FuseOut pad8() {
        return zeros(-pos & 7);
    }

    /** Drops everything after {@code position} (an entry that did not fit). */
    public void truncate(int position) {
        Arrays.fill(buf, position, pos, (byte) 0);
        pos = position;
    }

    /** The complete message: fuse_out_header {len, error, unique} then the body (omitted on error). */
    public byte[] message(int errno, long unique) {
        int body = errno == 0 ? pos : 0;
        FuseOut m = new FuseOut();
        m.ensure(16 + body);
        m.u32(16 + body).u32(-errno).u64(unique).bytes(buf, 0, body);
        return Arrays.copyOf(m.buf, m.pos);
    }
}
