package org.jvmm.devices.virtio.impl.net;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;

/**
 * The fuzz run's oracle for the used rings. Transmit chains come back with 0 bytes written and their
 * buffers unchanged. Receive chains come back either empty (only those too short for the header) or
 * as frames: a clean header, {@code num_buffers} consecutive chains (1 without MRG_RXBUF; all but the
 * last filled), nothing written past the reported length, and the frame one that was sent, intact,
 * once, in order.
 */
final class NetChecker {
    static final byte FILL = (byte) 0xEE;
    static final byte TX_FILL = 0x55;

    private final Set<Integer> sent;
    private boolean mergeable;
    private long sentCount;
    private long delivered;
    private long multiBuffer;
    private int lastSeq = -1;

    NetChecker(Set<Integer> sent) {
        this.sent = sent;
    }

    void activated(boolean mrgRxbuf) {
        this.mergeable = mrgRxbuf;
    }

    long sent() {
        return sentCount;
    }

    long delivered() {
        return delivered;
    }

    long multiBuffer() {
        return multiBuffer;
    }

    void transmitted(FuzzRing tx, List<Used> used) {
        for (Used u : used) {
            FuzzRing.Posted p = tx.returned(u.id());
            if (u.len() != 0) {
                throw new AssertionError("transmit chain " + u.id() + " came back with " + u.len() + " bytes written");
            }
            int at = 0;
            for (Buf b : p.bufs()) {
                byte[] now = read(tx, b);
                byte[] expected = b.writable() ? filled((int) b.len(), TX_FILL) : Arrays.copyOfRange(p.bytes(), at, at + (int) b.len());
                if (!Arrays.equals(now, expected)) {
                    throw new AssertionError("transmit buffer at 0x" + Long.toHexString(b.gpa()) + " was written");
                }
                at += b.writable() ? 0 : (int) b.len();
            }
            if (p.seq() >= 0) {
                sent.add(p.seq());
                sentCount++;
            }
        }
    }

    void received(FuzzRing rx, List<Used> used) {
        int i = 0;
        while (i < used.size()) {
            Used u = used.get(i);
            FuzzRing.Posted p = returned(rx, u);
            if (u.len() == 0) {
                if (p.writable() >= NetSpec.HEADER) {
                    throw new AssertionError("a usable receive chain (" + p.writable() + " bytes) came back empty");
                }
                i++;
                continue;
            }
            int n = header(rx, p, u);
            if (i + n > used.size()) {
                throw new AssertionError("a frame of " + n + " buffers was published with only " + (used.size() - i));
            }
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.writeBytes(rx.writableBytes(p, NetSpec.HEADER, u.len()));
            for (int k = 1; k < n; k++) {
                Used c = used.get(i + k);
                FuzzRing.Posted q = returned(rx, c);
                if (c.len() == 0) {
                    throw new AssertionError("an empty buffer inside a frame");
                }
                frame.writeBytes(rx.writableBytes(q, 0, c.len()));
                if (k < n - 1 && c.len() != q.writable()) {
                    throw new AssertionError("a middle buffer of a frame is not full");
                }
            }
            if (n > 1 && u.len() != p.writable()) {
                throw new AssertionError("the first buffer of a multi-buffer frame is not full");
            }
            delivered(FuzzFrames.check(frame.toByteArray()), n);
            i += n;
        }
    }

    /** Checks the header of a frame's first chain; returns num_buffers. */
    private int header(FuzzRing rx, FuzzRing.Posted p, Used u) {
        if (u.len() < NetSpec.HEADER) {
            throw new AssertionError("receive chain came back with " + u.len() + " bytes, less than a header");
        }
        byte[] h = rx.writableBytes(p, 0, NetSpec.HEADER);
        int n = (h[10] & 0xFF) | (h[11] & 0xFF) << 8;
        h[10] = 0;
        h[11] = 0;
        if (!Arrays.equals(h, new byte[NetSpec.HEADER])) {
            throw new AssertionError("receive header has flags or offload fields set: " + Arrays.toString(h));
        }
        if (n < 1 || !mergeable && n != 1) {
            throw new AssertionError("num_buffers " + n + (mergeable ? "" : " without MRG_RXBUF"));
        }
        return n;
    }

    private void delivered(int seq, int buffers) {
        if (!sent.remove(seq)) {
            throw new AssertionError("frame " + seq + " was never sent, or was delivered twice");
        }
        if (seq <= lastSeq) {
            throw new AssertionError("frame " + seq + " delivered after frame " + lastSeq);
        }
        lastSeq = seq;
        delivered++;
        if (buffers > 1) {
            multiBuffer++;
        }
    }

    /** Takes the chain back and checks the device wrote nothing past {@code u.len()} of its writable bytes. */
    private static FuzzRing.Posted returned(FuzzRing rx, Used u) {
        FuzzRing.Posted p = rx.returned(u.id());
        if (u.len() > p.writable()) {
            throw new AssertionError("used length " + u.len() + " exceeds the chain's " + p.writable() + " writable bytes");
        }
        long offset = 0;
        for (Buf b : p.bufs()) {
            byte[] now = read(rx, b);
            int from = b.writable() ? (int) Math.max(0, Math.min(b.len(), u.len() - offset)) : 0;
            for (int j = from; j < now.length; j++) {
                if (now[j] != FILL) {
                    throw new AssertionError("receive buffer byte 0x" + Long.toHexString(b.gpa() + j) + " written past the used length");
                }
            }
            offset += b.writable() ? b.len() : 0;
        }
        return p;
    }

    private static byte[] read(FuzzRing ring, Buf b) {
        byte[] out = new byte[(int) b.len()];
        ring.mem().read(b.gpa(), out, 0, out.length);
        return out;
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }
}
