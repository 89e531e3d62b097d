package org.jvmm.devices.virtio.impl.vsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.jvmm.devices.virtio.driver.MmioGuest.EVENT_IDX;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.inspect.InspectNode;

/**
 * The guest's vsock driver for tests: sends packets on the transmit queue (from a pool of buffers
 * reused once the device returns them), keeps the receive queue stocked, and collects what the
 * device sends. The device works on its own thread, so receiving polls with a timeout.
 */
final class VsockGuest implements AutoCloseable {
    static final long CID = 3;
    static final long STREAM = 1;
    static final int RX_BUF = VsockSpec.HEADER + 4096;
    static final int TX_BUF = VsockSpec.HEADER + VsockSpec.MAX_PAYLOAD;
    static final long TIMEOUT_MILLIS = 5_000;

    /** A packet the device sent. */
    record Packet(VsockHeader header, byte[] payload) {
    }

    final VirtioDevice device;
    final MmioBench bench;
    final MockVirtqueue rx;
    final MockVirtqueue tx;
    private final Map<Integer, Buf> rxBuffers = new HashMap<>();
    private final Map<Integer, Long> txInUse = new HashMap<>();
    private final ArrayDeque<Long> txFree = new ArrayDeque<>();
    private final ArrayDeque<Packet> received = new ArrayDeque<>();
    private final List<Used> shortRx = new ArrayList<>();

    VsockGuest(VirtioDevice device) {
        this.device = device;
        this.bench = new MmioBench(device);
        this.rx = bench.queue(0, 64);
        this.tx = bench.queue(1, 16);
        bench.guest.init(VERSION_1 | EVENT_IDX | STREAM, rx, tx, bench.queue(2, 4));
        for (int i = 0; i < 8; i++) {
            txFree.add(bench.buffer(TX_BUF));
        }
    }

    /** Adds {@code n} receive buffers of {@value #RX_BUF} bytes (header and data in one, or split after the header). */
    VsockGuest fillRx(int n) {
        for (int i = 0; i < n; i++) {
            long gpa = bench.buffer(RX_BUF);
            int head = i % 2 == 0 ? rx.add(Buf.out(gpa, RX_BUF))
                    : rx.add(Buf.out(gpa, VsockSpec.HEADER), Buf.out(gpa + VsockSpec.HEADER, RX_BUF - VsockSpec.HEADER));
            rxBuffers.put(head, Buf.out(gpa, RX_BUF));
        }
        bench.guest.notify(0);
        return this;
    }

    /** Adds one receive buffer of {@code len} bytes (to test small ones). */
    long addRx(int len) {
        long gpa = bench.buffer(Math.max(len, 1));
        rxBuffers.put(rx.add(Buf.out(gpa, len)), Buf.out(gpa, len));
        bench.guest.notify(0);
        return gpa;
    }

    static VsockHeader header(int srcPort, int dstPort, int op, int flags, int len, int bufAlloc, int fwdCnt) {
        return new VsockHeader(CID, VsockSpec.HOST_CID, srcPort, dstPort, len, VsockSpec.TYPE_STREAM, op, flags,
                bufAlloc, fwdCnt);
    }

    /** Transmits {@code h} followed by {@code payload} (in a second descriptor when there is one). */
    void send(VsockHeader h, byte[] payload) {
        long gpa = freeTxBuffer();
        bench.mem.write(gpa, h.encode(), 0, VsockSpec.HEADER);
        bench.mem.write(gpa + VsockSpec.HEADER, payload, 0, payload.length);
        int head = payload.length == 0 ? tx.add(Buf.in(gpa, VsockSpec.HEADER))
                : tx.add(Buf.in(gpa, VsockSpec.HEADER), Buf.in(gpa + VsockSpec.HEADER, payload.length));
        txInUse.put(head, gpa);
        bench.guest.notify(1);
    }

    /** Transmits raw bytes as one descriptor (malformed packets). */
    void sendRaw(byte[] bytes) {
        long gpa = freeTxBuffer();
        bench.mem.write(gpa, bytes, 0, bytes.length);
        txInUse.put(tx.add(Buf.in(gpa, bytes.length)), gpa);
        bench.guest.notify(1);
    }

    /** Waits until the device has returned every transmitted chain. */
    void awaitTransmitted() {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!txInUse.isEmpty()) {
            reclaimTx();
            if (System.currentTimeMillis() > deadline) {
                fail("transmit chains not returned: " + txInUse.keySet());
            }
            Thread.onSpinWait();
        }
    }

    /** The next packet from the device, within the timeout. */
    Packet receive() {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (received.isEmpty()) {
            collect();
            if (received.isEmpty()) {
                if (System.currentTimeMillis() > deadline) {
                    fail("no packet from the device in " + TIMEOUT_MILLIS + " ms; device: " + inspect());
                }
                sleep(1);
            }
        }
        return received.poll();
    }

    /** The next packet, which must have operation {@code op}. */
    Packet expect(int op) {
        Packet p = receive();
        assertEquals(op, p.header().op(), "operation of " + p.header());
        assertEquals(VsockSpec.HOST_CID, p.header().srcCid());
        assertEquals(CID, p.header().dstCid());
        assertEquals(VsockSpec.TYPE_STREAM, p.header().type());
        return p;
    }

    /** Every packet the device has sent so far, without waiting. */
    List<Packet> drain() {
        collect();
        List<Packet> out = new ArrayList<>(received);
        received.clear();
        return out;
    }

    /** Asserts the device sends nothing for {@code millis}. */
    void expectSilence(long millis) {
        sleep(millis);
        collect();
        assertTrue(received.isEmpty(), "unexpected packet " + received.peek());
    }

    /** Receive buffers the device returned as too short. */
    List<Used> shortRx() {
        collect();
        return shortRx;
    }

    InspectNode inspect() {
        InspectNode node = new InspectNode();
        bench.transport.inspect(node);
        return node;
    }

    Object inspect(String path) {
        return inspect().at(path).orElse(null);
    }

    private void collect() {
        for (Used u : rx.takeUsed()) {
            Buf buf = rxBuffers.remove(u.id());
            long gpa = buf.gpa();
            if (u.len() < VsockSpec.HEADER) {
                shortRx.add(u);
                continue;
            }
            byte[] bytes = bench.read(gpa, u.len());
            VsockHeader h = VsockHeader.decode(bytes);
            assertEquals(u.len(), VsockSpec.HEADER + h.len(), "used length is header + len for " + h);
            byte[] payload = java.util.Arrays.copyOfRange(bytes, VsockSpec.HEADER, u.len());
            received.add(new Packet(h, payload));
            rxBuffers.put(rx.add(buf), buf);
            bench.guest.notify(0);
        }
    }

    private long freeTxBuffer() {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (txFree.isEmpty()) {
            reclaimTx();
            collect();
            if (txFree.isEmpty() && System.currentTimeMillis() > deadline) {
                fail("the device returns no transmit chains");
            }
            Thread.onSpinWait();
        }
        return txFree.poll();
    }

    private void reclaimTx() {
        for (Used u : tx.takeUsed()) {
            txFree.add(txInUse.remove(u.id()));
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        device.close();
        bench.close();
    }
}
