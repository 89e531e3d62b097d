package org.jvmm.devices.virtio.impl.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.inspect.InspectNode;

/** A virtio-net driver on an {@link MmioBench}: receive queue 0, transmit queue 1. */
final class NetGuest {
    static final long F_MAC = 1L << 5;
    static final long F_MRG_RXBUF = 1L << 15;
    static final long F_STATUS = 1L << 16;
    static final int HEADER = 12;

    final MmioBench bench;
    final MockVirtqueue rxq;
    final MockVirtqueue txq;

    NetGuest(MmioBench bench, int size) {
        this.bench = bench;
        this.rxq = bench.queue(0, size);
        this.txq = bench.queue(1, size);
    }

    long init(long features) {
        return bench.guest.init(features, rxq, txq);
    }

    static byte[] header(int flags, int gsoType) {
        byte[] h = new byte[HEADER];
        h[0] = (byte) flags;
        h[1] = (byte) gsoType;
        return h;
    }

    /** A frame of {@code len} bytes: broadcast destination, then a pattern from {@code seed}. */
    static byte[] frame(int len, int seed) {
        byte[] f = new byte[len];
        for (int i = 0; i < len; i++) {
            f[i] = i < 6 ? (byte) 0xFF : (byte) (seed * 13 + i * 7);
        }
        return f;
    }

    /** Queues a transmit chain: the header and the frame split at {@code cuts} (offsets into header + frame). */
    int send(byte[] header, byte[] frame, int... cuts) {
        byte[] all = new byte[header.length + frame.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(frame, 0, all, header.length, frame.length);
        List<Buf> bufs = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            bufs.add(Buf.in(bench.buffer(cut - from, java.util.Arrays.copyOfRange(all, from, cut)), cut - from));
            from = cut;
        }
        bufs.add(Buf.in(bench.buffer(Math.max(all.length - from, 1), java.util.Arrays.copyOfRange(all, from, all.length)),
                all.length - from));
        return txq.add(bufs.toArray(Buf[]::new));
    }

    /** Posts a receive buffer of {@code len} bytes (filled with 0xEE); returns its address. */
    long post(int len) {
        long at = bench.buffer(len);
        bench.mem.fill(at, len, (byte) 0xEE);
        rxq.add(Buf.out(at, len));
        return at;
    }

    int numBuffers(long buffer) {
        return ByteBuffer.wrap(bench.read(buffer, HEADER)).order(ByteOrder.LITTLE_ENDIAN).getShort(10) & 0xFFFF;
    }

    Object inspect(String path) {
        InspectNode node = new InspectNode();
        bench.transport.inspect(node);
        return node.at(path).orElseThrow(() -> new AssertionError("no " + path + " in\n" + node.render()));
    }
}
