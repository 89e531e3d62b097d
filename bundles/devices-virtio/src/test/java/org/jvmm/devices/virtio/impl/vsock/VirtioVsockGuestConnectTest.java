package org.jvmm.devices.virtio.impl.vsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jvmm.devices.virtio.impl.vsock.VsockBench.bytes;
import static org.jvmm.devices.virtio.impl.vsock.VsockBench.text;
import static org.jvmm.devices.virtio.impl.vsock.VsockGuest.header;
import static org.jvmm.devices.virtio.impl.vsock.VsockSpec.*;

import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jvmm.devices.virtio.impl.vsock.VsockGuest.Packet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guest connections to host ports, relayed to {@code <path>_<port>}. */
class VirtioVsockGuestConnectTest {
    static final int GUEST_PORT = 40_000;
    static final int HOST_PORT = 5000;
    static final int BUF = VsockBench.LIMITS.bufAlloc();

    @TempDir
    Path dir;
    VsockBench bench;
    VsockGuest guest;
    ServerSocketChannel server;

    @BeforeEach
    void open() {
        bench = new VsockBench(dir);
        guest = bench.guest;
        server = UnixHost.listen(bench.portPath(HOST_PORT));
    }

    @AfterEach
    void close() throws Exception {
        bench.close();
        server.close();
    }

    /** Connects guest port {@code GUEST_PORT} to the host with receive buffer {@code bufAlloc}; returns the host's end. */
    SocketChannel connect(int bufAlloc) {
        guest.send(header(GUEST_PORT, HOST_PORT, OP_REQUEST, 0, 0, bufAlloc, 0), new byte[0]);
        Packet response = guest.expect(OP_RESPONSE);
        assertEquals(HOST_PORT, response.header().srcPort());
        assertEquals(GUEST_PORT, response.header().dstPort());
        assertEquals(BUF, response.header().bufAlloc(), "the device tells its receive buffer");
        assertEquals(0, response.header().fwdCnt());
        return UnixHost.accept(server);
    }

    void sendData(byte[] data, int fwdCnt) {
        guest.send(header(GUEST_PORT, HOST_PORT, OP_RW, 0, data.length, 64 * 1024, fwdCnt), data);
    }

    @Test
    void bytesFlowBothWays() {
        SocketChannel host = connect(64 * 1024);
        sendData(bytes("hello"), 0);
        assertEquals("hello", UnixHost.readText(host, 5));
        UnixHost.write(host, "world!");
        Packet rw = guest.expect(OP_RW);
        assertEquals("world!", text(rw.payload()));
        assertEquals(GUEST_PORT, rw.header().dstPort());
        assertEquals(5, rw.header().fwdCnt(), "fwd_cnt counts the guest bytes the host socket took");
        assertEquals(1, guest.inspect("device/connections"));
        assertEquals(1L, guest.inspect("device/guest_connects"));
        assertEquals(5L, guest.inspect("device/bytes_to_host"));
        assertEquals(6L, guest.inspect("device/bytes_to_guest"));
    }

    @Test
    void hostBytesWaitForTheGuestsCredit() {
        SocketChannel host = connect(16);
        UnixHost.write(host, "0123456789abcdefghijklmnopqrstuvwxyzABCD");
        assertEquals("0123456789abcdef", text(guest.expect(OP_RW).payload()));
        guest.expect(OP_CREDIT_REQUEST);
        guest.expectSilence(100);
        guest.send(header(GUEST_PORT, HOST_PORT, OP_CREDIT_UPDATE, 0, 0, 16, 16), new byte[0]);
        assertEquals("ghijklmnopqrstuv", text(guest.expect(OP_RW).payload()));
        guest.expect(OP_CREDIT_REQUEST);
        guest.send(header(GUEST_PORT, HOST_PORT, OP_CREDIT_UPDATE, 0, 0, 16, 32), new byte[0]);
        assertEquals("wxyzABCD", text(guest.expect(OP_RW).payload()));
        guest.expectSilence(100);
    }

    @Test
    void creditRequestIsAnsweredAndForwardedBytesAreTold() {
        SocketChannel host = connect(64 * 1024);
        guest.send(header(GUEST_PORT, HOST_PORT, OP_CREDIT_REQUEST, 0, 0, 64 * 1024, 0), new byte[0]);
        Packet update = guest.expect(OP_CREDIT_UPDATE);
        assertEquals(BUF, update.header().bufAlloc());
        assertEquals(0, update.header().fwdCnt());
        sendData(new byte[BUF / 4], 0);
        UnixHost.read(host, BUF / 4);
        Packet told = guest.expect(OP_CREDIT_UPDATE);
        assertEquals(BUF / 4, told.header().fwdCnt(), "a quarter of the buffer forwarded is worth an update");
    }

    @Test
    void bulkTransferBothWaysUnderBackPressure() throws Exception {
        SocketChannel host = connect(8192);
        byte[] up = pattern(1 << 20, 7);
        CompletableFuture<byte[]> hostRead = CompletableFuture.supplyAsync(() -> {
            VsockGuest.sleep(200);
            return UnixHost.read(host, up.length);
        });
        int sent = 0;
        int fwd = 0;
        while (sent < up.length) {
            int credit = BUF - (sent - fwd);
            if (credit == 0) {
                fwd = guest.expect(OP_CREDIT_UPDATE).header().fwdCnt();
                continue;
            }
            int n = Math.min(Math.min(credit, 4096), up.length - sent);
            sendData(java.util.Arrays.copyOfRange(up, sent, sent + n), 0);
            sent += n;
        }
        assertArrayEquals(up, hostRead.get(10, TimeUnit.SECONDS));

        byte[] down = pattern(256 * 1024, 3);
        CompletableFuture<Void> hostWrite = CompletableFuture.runAsync(() -> UnixHost.write(host, down));
        byte[] got = new byte[down.length];
        int received = 0;
        while (received < down.length) {
            Packet p = guest.receive();
            if (p.header().op() != OP_RW) {
                continue;
            }
            System.arraycopy(p.payload(), 0, got, received, p.payload().length);
            received += p.payload().length;
            guest.send(header(GUEST_PORT, HOST_PORT, OP_CREDIT_UPDATE, 0, 0, 8192, received), new byte[0]);
        }
        hostWrite.get(10, TimeUnit.SECONDS);
        assertArrayEquals(down, got);
    }

    @Test
    void hostCloseShutsDownAndTheGuestsCloseIsAnsweredWithReset() throws Exception {
        SocketChannel host = connect(64 * 1024);
        UnixHost.write(host, "bye");
        host.close();
        assertEquals("bye", text(guest.expect(OP_RW).payload()));
        assertEquals(SHUTDOWN_SEND, guest.expect(OP_SHUTDOWN).header().flags());
        guest.send(header(GUEST_PORT, HOST_PORT, OP_SHUTDOWN, SHUTDOWN_RCV | SHUTDOWN_SEND, 0, 64 * 1024, 0),
                new byte[0]);
        guest.expect(OP_RST);
        assertEquals(0, guest.inspect("device/connections"));
    }

    @Test
    void guestHalfCloseEndsTheHostsInputOnly() {
        SocketChannel host = connect(64 * 1024);
        sendData(bytes("last"), 0);
        guest.send(header(GUEST_PORT, HOST_PORT, OP_SHUTDOWN, SHUTDOWN_SEND, 0, 64 * 1024, 0), new byte[0]);
        assertEquals("last", UnixHost.readText(host, 4));
        UnixHost.expectEnd(host);
        UnixHost.write(host, "still here");
        assertEquals("still here", text(guest.expect(OP_RW).payload()));
    }

    @Test
    void guestResetClosesTheHostSocket() {
        SocketChannel host = connect(64 * 1024);
        guest.send(header(GUEST_PORT, HOST_PORT, OP_RST, 0, 0, 0, 0), new byte[0]);
        UnixHost.expectEnd(host);
        guest.expectSilence(50);
        assertEquals(0, guest.inspect("device/connections"));
    }

    @Test
    void bytesPastTheCreditResetTheConnection() {
        SocketChannel host = connect(64 * 1024);
        sendData(new byte[BUF + 1], 0);
        guest.expect(OP_RST);
        UnixHost.expectEnd(host);
        assertEquals(1L, guest.inspect("device/malformed"));
    }

    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * seed + (i >>> 11));
        }
        return b;
    }
}
