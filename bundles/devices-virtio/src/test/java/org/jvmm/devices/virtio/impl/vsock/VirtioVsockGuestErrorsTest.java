package org.jvmm.devices.virtio.impl.vsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.CONFIG;
import static org.jvmm.devices.virtio.driver.MmioGuest.DEVICE_ID;
import static org.jvmm.devices.virtio.driver.MmioGuest.EVENT_IDX;
import static org.jvmm.devices.virtio.driver.MmioGuest.INDIRECT_DESC;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;
import static org.jvmm.devices.virtio.impl.vsock.VsockGuest.header;
import static org.jvmm.devices.virtio.impl.vsock.VsockSpec.*;

import java.nio.file.Path;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.devices.virtio.impl.vsock.VsockGuest.Packet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the device does with guest packets it cannot relay: RST where an answer makes sense, else drop. */
class VirtioVsockGuestErrorsTest {
    @TempDir
    Path dir;
    VsockBench bench;
    VsockGuest guest;

    @BeforeEach
    void open() {
        bench = new VsockBench(dir);
        guest = bench.guest;
    }

    @AfterEach
    void close() {
        bench.close();
    }

    @Test
    void isASocketDeviceWithTheGuestCidInConfigSpace() throws Exception {
        assertEquals(19, guest.bench.guest.read(DEVICE_ID));
        assertEquals(VERSION_1 | INDIRECT_DESC | EVENT_IDX | VsockGuest.STREAM, guest.bench.guest.deviceFeatures());
        assertEquals(3L, guest.bench.guest.config(0, 8));
        assertEquals(3L, guest.bench.guest.config(0, 4));
        assertEquals(0L, guest.bench.guest.config(4, 4));
        assertEquals(IoResult.INVALID_REGISTER, guest.bench.guest.access(false, CONFIG + 8, 1, 0));
        try (VirtioVsock big = VirtioVsock.open(0xFFFF_FFFEL, dir.resolve("big"), VsockBench.LIMITS)) {
            assertEquals(0xFFFF_FFFEL, big.readConfig(0, 8));
            assertEquals(0xFEL, big.readConfig(0, 1));
            assertEquals(0xFFFFL, big.readConfig(2, 2));
        }
    }

    @Test
    void connectionToAPortWithoutSocketIsReset() {
        guest.send(header(1025, 6000, OP_REQUEST, 0, 0, 4096, 0), new byte[0]);
        Packet rst = guest.expect(OP_RST);
        assertEquals(6000, rst.header().srcPort());
        assertEquals(1025, rst.header().dstPort());
        assertEquals(1L, guest.inspect("device/refused"));
        assertEquals(1L, guest.inspect("device/resets_sent"));
    }

    @Test
    void packetsOfNoConnectionAreResetExceptResets() {
        for (int op : new int[] {OP_RW, OP_RESPONSE, OP_SHUTDOWN, OP_CREDIT_UPDATE, OP_CREDIT_REQUEST, 0, 99}) {
            guest.send(header(1, 2, op, 0, 0, 0, 0), new byte[0]);
            assertEquals(OP_RST, guest.receive().header().op(), "answer to op " + op);
        }
        guest.send(header(1, 2, OP_RST, 0, 0, 0, 0), new byte[0]);
        guest.expectSilence(50);
    }

    @Test
    void malformedPacketsAreDroppedOrRefused() {
        guest.sendRaw(new byte[10]);
        guest.send(new VsockHeader(7, HOST_CID, 1, 2, 0, TYPE_STREAM, OP_REQUEST, 0, 0, 0), new byte[0]);
        guest.expectSilence(50);
        assertEquals(2L, guest.inspect("device/malformed"), "a short chain and a foreign source CID are dropped");

        guest.send(new VsockHeader(VsockGuest.CID, 5, 1, 2, 0, TYPE_STREAM, OP_REQUEST, 0, 0, 0), new byte[0]);
        Packet toOtherCid = guest.receive();
        assertEquals(OP_RST, toOtherCid.header().op());
        assertEquals(5L, toOtherCid.header().srcCid(), "the RST comes from the CID the guest named");

        guest.send(new VsockHeader(VsockGuest.CID, HOST_CID, 1, 2, 0, 2, OP_REQUEST, 0, 0, 0), new byte[0]);
        Packet seqpacket = guest.receive();
        assertEquals(OP_RST, seqpacket.header().op());
        assertEquals(2, seqpacket.header().type(), "SEQPACKET is not offered");

        guest.send(header(1, 2, OP_RW, 0, 100, 0, 0), new byte[10]);
        guest.expect(OP_RST);
        assertEquals(3L, guest.inspect("device/malformed"));
        guest.send(header(1, 2, OP_RW, 0, -1, 0, 0), new byte[0]);
        guest.expect(OP_RST);

        var server = UnixHost.listen(bench.portPath(2));
        guest.send(header(1, 2, OP_REQUEST, 0, 0, 4096, 0), new byte[0]);
        guest.expect(OP_RESPONSE);
        UnixHost.accept(server);
        assertTrue(guest.inspect("needs_reset") == null, "the device goes on");
        assertEquals(0L, guest.inspect("device_failures"));
        assertEquals(0L, guest.inspect("device/relay_errors"));
    }

    @Test
    void aSecondRequestOnALiveConnectionResetsIt() {
        var server = UnixHost.listen(bench.portPath(2));
        guest.send(header(1, 2, OP_REQUEST, 0, 0, 4096, 0), new byte[0]);
        guest.expect(OP_RESPONSE);
        var host = UnixHost.accept(server);
        guest.send(header(1, 2, OP_REQUEST, 0, 0, 4096, 0), new byte[0]);
        guest.expect(OP_RST);
        UnixHost.expectEnd(host);
    }

    @Test
    void receiveBuffersTooSmallForAHeaderAreReturnedEmpty() {
        bench.close();
        bench = new VsockBench(dir, VsockBench.LIMITS, 0);
        VsockGuest small = bench.guest;
        small.addRx(16);
        small.send(header(1, 2, OP_RW, 0, 0, 0, 0), new byte[0]);
        small.awaitTransmitted();
        long deadline = System.currentTimeMillis() + VsockGuest.TIMEOUT_MILLIS;
        while (small.shortRx().isEmpty() && System.currentTimeMillis() < deadline) {
            VsockGuest.sleep(1);
        }
        assertEquals(1, small.shortRx().size());
        assertEquals(0, small.shortRx().getFirst().len());
        small.fillRx(1);
        small.expect(OP_RST);
        assertEquals(1L, small.inspect("device/short_rx_buffers"));
    }

    @Test
    void theGuestCannotStarveTheDeviceWithoutReceiveBuffers() {
        bench.close();
        bench = new VsockBench(dir, VsockBench.LIMITS, 0);
        VsockGuest noRx = bench.guest;
        for (int i = 0; i < VsockBench.LIMITS.maxReplies() + 8; i++) {
            noRx.send(header(1, 2, OP_RW, 0, 0, 0, 0), new byte[0]);
        }
        VsockGuest.sleep(100);
        assertTrue(noRx.tx.usedIdx() <= VsockBench.LIMITS.maxReplies(),
                "transmit stops while the RSTs wait: " + noRx.tx.usedIdx());
        noRx.fillRx(32);
        for (int i = 0; i < VsockBench.LIMITS.maxReplies() + 8; i++) {
            noRx.expect(OP_RST);
        }
        noRx.awaitTransmitted();
    }
}
