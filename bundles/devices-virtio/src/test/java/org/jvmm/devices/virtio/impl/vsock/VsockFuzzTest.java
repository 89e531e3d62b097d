package org.jvmm.devices.virtio.impl.vsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.impl.vsock.VsockGuest.header;
import static org.jvmm.devices.virtio.impl.vsock.VsockSpec.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jvmm.devices.virtio.impl.vsock.VsockGuest.Packet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random guest packets (plausible and hostile) and random host activity against one device with real
 * sockets; {@value #DEFAULT_CASES} cases in CI ({@code jvmm.virtio.fuzz.cases} overrides,
 * {@code jvmm.virtio.fuzz.seed} picks the seed). Checks every packet the device sends, that nothing
 * failed inside it, and that it still relays a clean connection afterwards.
 */
class VsockFuzzTest {
    static final int DEFAULT_CASES = 4_000;
    static final int[] GUEST_PORTS = {1, 2, 1024, 40_000};
    static final int[] HOST_PORTS = {1, 2, 3};
    static final int[] OPS = {OP_REQUEST, OP_RESPONSE, OP_RST, OP_SHUTDOWN, OP_RW, OP_RW, OP_RW, OP_CREDIT_UPDATE,
        OP_CREDIT_REQUEST, 0, 8, 0xFFFF};

    @TempDir
    Path dir;
    Random r;
    final List<SocketChannel> hostSockets = new ArrayList<>();
    final List<int[]> open = new ArrayList<>();
    long packets;
    long sent;
    long hostErrors;

    @Test
    void randomGuestAndHostBehaviourNeverEscapesTheDevice() throws Exception {
        long cases = Long.getLong("jvmm.virtio.fuzz.cases", DEFAULT_CASES);
        long seed = Long.getLong("jvmm.virtio.fuzz.seed", 0x5EED_7500L);
        r = new Random(seed);
        VsockLimits limits = new VsockLimits(8 * 1024, 4 * 1024, 6, 3, 8, 150);
        long filesBefore = openFiles();
        try (VsockBench bench = new VsockBench(dir, limits, 24);
                ServerSocketChannel one = UnixHost.listen(bench.portPath(1));
                ServerSocketChannel two = UnixHost.listen(bench.portPath(2))) {
            for (long i = 0; i < cases; i++) {
                try {
                    step(bench, one, two);
                } catch (IOException e) {
                    hostErrors++; // a host socket the device closed (EPIPE, reset): the host's problem
                }
            }
            VsockGuest.sleep(limits.timeoutMillis() * 2);
            check(bench.guest, bench.guest.drain());
            assertNull(bench.guest.inspect("needs_reset"), "seed " + seed);
            assertEquals(0L, bench.guest.inspect("device_failures"), "seed " + seed);
            assertEquals(0L, bench.guest.inspect("device/relay_errors"), "seed " + seed);
            assertTrue(packets > cases / 10, "the device answered often: " + packets + " of " + sent + " packets sent, "
                    + hostErrors + " host socket errors\n" + bench.guest.inspect().render());
            stillRelays(bench, two);
        } finally {
            for (SocketChannel s : hostSockets) {
                s.close();
            }
        }
        assertTrue(openFiles() <= filesBefore + 2, "the device leaks no sockets: " + filesBefore + " open before, "
                + openFiles() + " after");
    }

    private void step(VsockBench bench, ServerSocketChannel one, ServerSocketChannel two) throws IOException {
        int a = r.nextInt(100);
        if (a < 30) {
            converse(bench.guest);
        } else if (a < 55) {
            byte[] packet = r.nextInt(15) == 0 ? junk() : packet();
            bench.guest.sendRaw(packet);
            sent++;
        } else if (a < 70) {
            host(one, two);
        } else if (a < 78) {
            SocketChannel s = UnixHost.connect(bench.base);
            keep(s);
            String line = r.nextInt(4) == 0 ? "CONNECT " + r.nextInt() + "\n"
                    : "CONNECT " + GUEST_PORTS[r.nextInt(GUEST_PORTS.length)] + "\n";
            s.write(ByteBuffer.wrap(VsockBench.bytes(r.nextInt(8) == 0 ? line.substring(0, r.nextInt(line.length())) : line)));
        } else if (a < 80) {
            bench.guest.addRx(r.nextInt(VsockSpec.HEADER));
        } else {
            check(bench.guest, bench.guest.drain());
        }
    }

    /** A well-behaved guest on a connection it knows of: data within credit, credit updates, closes. */
    private void converse(VsockGuest guest) {
        if (open.isEmpty() || r.nextInt(6) == 0) {
            guest.send(header(GUEST_PORTS[r.nextInt(GUEST_PORTS.length)], HOST_PORTS[r.nextInt(2)], OP_REQUEST, 0, 0,
                    65536, 0), new byte[0]);
            return;
        }
        int[] c = open.get(r.nextInt(open.size()));
        switch (r.nextInt(10)) {
            case 0 -> guest.send(header(c[0], c[1], OP_SHUTDOWN, 1 + r.nextInt(3), 0, 65536, c[2]), new byte[0]);
            case 1 -> {
                guest.send(header(c[0], c[1], OP_RST, 0, 0, 0, 0), new byte[0]);
                open.remove(c);
            }
            case 2, 3 -> guest.send(header(c[0], c[1], OP_CREDIT_UPDATE, 0, 0, 65536, c[2]), new byte[0]);
            default -> {
                byte[] data = new byte[1 + r.nextInt(2000)];
                r.nextBytes(data);
                guest.send(header(c[0], c[1], OP_RW, 0, data.length, 65536, c[2]), data);
            }
        }
    }

    /**
     * Follows the device's packets: connections it accepted or offers (accepted at once), data received,
     * resets (an RST from another CID or of another type is not about the stream, as in Linux).
     */
    private void track(VsockGuest guest, VsockHeader h) {

        int[] known = open.stream().filter(c -> c[0] == h.dstPort() && c[1] == h.srcPort()).findFirst().orElse(null);
        switch (h.op()) {
            case OP_RESPONSE -> open.add(new int[] {h.dstPort(), h.srcPort(), 0});
            case OP_REQUEST -> {
                guest.send(header(h.dstPort(), h.srcPort(), OP_RESPONSE, 0, 0, 65536, 0), new byte[0]);
                open.add(new int[] {h.dstPort(), h.srcPort(), 0});
            }
            case OP_RST -> {
                if (h.srcCid() == HOST_CID && h.type() == TYPE_STREAM) {
                    open.remove(known);
                }
            }
            case OP_RW -> {
                if (known != null) {
                    known[2] += h.len();
                }
            }
            default -> {
            }
        }
    }

    /** Holds a host socket; the oldest is closed past 32, as host programs come and go. */
    private void keep(SocketChannel s) throws IOException {
        hostSockets.add(s);
        if (hostSockets.size() > 32) {
            hostSockets.removeFirst().close();
        }
    }

    static long openFiles() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return 0;
        }
        try (var list = Files.list(fds)) {
            return list.count();
        }
    }

    private byte[] packet() {
        int payload = r.nextInt(4) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 64 : 9000);
        long srcCid = r.nextInt(30) == 0 ? r.nextLong() : VsockGuest.CID;
        long dstCid = r.nextInt(30) == 0 ? r.nextInt(5) : HOST_CID;
        int len = r.nextInt(12) == 0 ? r.nextInt() : payload;
        VsockHeader h = new VsockHeader(srcCid, dstCid, GUEST_PORTS[r.nextInt(GUEST_PORTS.length)],
                r.nextInt(20) == 0 ? r.nextInt() : HOST_PORTS[r.nextInt(HOST_PORTS.length)], len,
                r.nextInt(25) == 0 ? r.nextInt(4) : TYPE_STREAM, OPS[r.nextInt(OPS.length)], r.nextInt(4),
                new int[] {0, 16, 4096, 65536, r.nextInt()}[r.nextInt(5)], r.nextInt(8) == 0 ? r.nextInt() : 0);
        byte[] bytes = new byte[HEADER + payload];
        System.arraycopy(h.encode(), 0, bytes, 0, HEADER);
        return bytes;
    }

    private byte[] junk() {
        byte[] b = new byte[r.nextInt(HEADER + 8)];
        r.nextBytes(b);
        return b;
    }

    private void host(ServerSocketChannel one, ServerSocketChannel two) throws IOException {
        for (ServerSocketChannel s : List.of(one, two)) {
            for (SocketChannel c = s.accept(); c != null; c = s.accept()) {
                c.configureBlocking(false);
                keep(c);
            }
        }
        if (hostSockets.isEmpty()) {
            return;
        }
        SocketChannel s = hostSockets.get(r.nextInt(hostSockets.size()));
        switch (r.nextInt(4)) {
            case 0 -> s.write(ByteBuffer.wrap(new byte[1 + r.nextInt(3000)]));
            case 1 -> s.read(ByteBuffer.allocate(8192));
            case 2 -> {
                s.close();
                hostSockets.remove(s);
            }
            default -> s.shutdownOutput();
        }
    }

    /** Every packet the device sends is well formed and addressed to the guest. */
    private void check(VsockGuest guest, List<Packet> received) {
        for (Packet p : received) {
            track(guest, p.header());
            packets++;
            VsockHeader h = p.header();
            assertEquals(VsockGuest.CID, h.dstCid(), h.toString());
            assertTrue(h.op() >= OP_REQUEST && h.op() <= OP_CREDIT_REQUEST, h.toString());
            assertTrue(h.op() == OP_RW ? h.len() > 0 && h.len() <= MAX_PAYLOAD : h.len() == 0, h.toString());
            if (h.op() != OP_RST) {
                assertEquals(HOST_CID, h.srcCid(), h.toString());
                assertEquals(TYPE_STREAM, h.type(), h.toString());
            }
        }
    }

    private void stillRelays(VsockBench bench, ServerSocketChannel two) throws IOException {
        for (SocketChannel c = two.accept(); c != null; c = two.accept()) {
            c.close();
        }
        check(bench.guest, bench.guest.drain());
        for (int[] c : List.copyOf(open)) {
            bench.guest.send(header(c[0], c[1], OP_RST, 0, 0, 0, 0), new byte[0]);
        }
        long deadline = System.currentTimeMillis() + VsockGuest.TIMEOUT_MILLIS;
        while (!Integer.valueOf(0).equals(bench.guest.inspect("device/connections"))) {
            assertTrue(System.currentTimeMillis() < deadline, "connections left: " + bench.guest.inspect("device/connection") + ", the guest knows of "
                    + open.stream().map(java.util.Arrays::toString).toList());
            VsockGuest.sleep(1);
        }
        bench.guest.drain();
        bench.guest.send(header(7777, 2, OP_REQUEST, 0, 0, 65536, 0), new byte[0]);
        Packet response = bench.guest.receive();
        while (response.header().dstPort() != 7777) {
            response = bench.guest.receive();
        }
        assertEquals(OP_RESPONSE, response.header().op());
        SocketChannel host = UnixHost.accept(two);
        hostSockets.add(host);
        bench.guest.send(header(7777, 2, OP_RW, 0, 3, 65536, 0), VsockBench.bytes("end"));
        assertEquals("end", UnixHost.readText(host, 3));
    }
}
