package org.jvmm.devices.virtio.impl.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.DEVICE_ID;
import static org.jvmm.devices.virtio.driver.MmioGuest.EVENT_IDX;
import static org.jvmm.devices.virtio.driver.MmioGuest.INDIRECT_DESC;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;
import static org.jvmm.devices.virtio.impl.net.NetGuest.F_MAC;
import static org.jvmm.devices.virtio.impl.net.NetGuest.F_MRG_RXBUF;
import static org.jvmm.devices.virtio.impl.net.NetGuest.F_STATUS;
import static org.jvmm.devices.virtio.impl.net.NetGuest.HEADER;
import static org.jvmm.devices.virtio.impl.net.NetGuest.frame;
import static org.jvmm.devices.virtio.impl.net.NetGuest.header;

import java.util.List;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.net.backend.api.MacAddress;
import org.jvmm.net.backend.impl.LoopbackEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** virtio-net on the loopback endpoint, through virtio-mmio and the mock driver. */
class VirtioNetTest {
    static final MacAddress MAC = MacAddress.parse("00:15:5d:12:34:56");
    static final long BASIC = VERSION_1 | F_MAC | F_STATUS;

    LoopbackEndpoint loopback = new LoopbackEndpoint(4);
    MmioBench bench = new MmioBench(new VirtioNet(loopback, MAC));
    NetGuest net = new NetGuest(bench, 64);

    @AfterEach
    void close() {
        bench.close();
    }

    byte[] received(long buffer, int len) {
        return bench.read(buffer, len);
    }

    @Test
    void isANetworkDeviceWithTheMacAndLinkInConfigSpace() {
        assertEquals(1, bench.guest.read(DEVICE_ID));
        assertEquals(F_MAC | F_STATUS | F_MRG_RXBUF, bench.guest.deviceFeatures() & 0xFF_FFFF);
        assertEquals(0x0001_5634_125D_1500L, bench.guest.config(0, 8), "mac then status, little-endian");
        assertEquals(0x12, bench.guest.config(3, 1));
        assertEquals(1, bench.guest.config(6, 2), "status: link up");
        assertEquals(1, bench.guest.config(8, 2), "one queue pair");
    }

    @Test
    void aFrameSentComesBackInAReceiveBufferBehindTheHeader() {
        net.init(BASIC | EVENT_IDX);
        long rx = net.post(1526);
        bench.guest.notify(0);
        byte[] f = frame(98, 1);
        int tx = net.send(header(0, 0), f, 12, 40);
        bench.guest.notify(1);
        assertEquals(List.of(new Used(tx, 0)), net.txq.takeUsed());
        List<Used> used = net.rxq.takeUsed();
        assertEquals(1, used.size());
        assertEquals(HEADER + 98, used.getFirst().len());
        byte[] expectedHeader = new byte[HEADER];
        expectedHeader[10] = 1;
        assertArrayEquals(expectedHeader, received(rx, HEADER), "zero flags and gso, num_buffers 1");
        assertArrayEquals(f, received(rx + HEADER, 98));
        assertEquals((byte) 0xEE, received(rx + HEADER + 98, 1)[0], "nothing written past the frame");
        assertEquals(1, bench.guest.handleInterrupt() & 1, "a used-buffer interrupt");
        assertEquals(1L, net.inspect("device/tx_frames"));
        assertEquals(1L, net.inspect("device/rx_frames"));
        assertEquals(98L, net.inspect("device/rx_bytes"));
    }

    @Test
    void headerAndFrameMayShareOneDescriptorAndBuffersMayBeIndirect() {
        net.init(BASIC | INDIRECT_DESC);
        long a = bench.buffer(12);
        long b = bench.buffer(1514);
        net.rxq.addIndirect(bench.buffer(32), Buf.out(a, 12), Buf.out(b, 1514));
        byte[] f = frame(1514, 2);
        net.send(header(0, 0), f);
        bench.guest.notify(1);
        assertEquals(List.of(HEADER + 1514), net.rxq.takeUsed().stream().map(Used::len).toList());
        assertEquals(1, net.numBuffers(a));
        assertArrayEquals(f, received(b, 1514));
    }

    @Test
    void mergeableBuffersSpreadALargeFrameOverSeveralChains() {
        assertEquals(BASIC | F_MRG_RXBUF, net.init(BASIC | F_MRG_RXBUF));
        long[] bufs = new long[6];
        for (int i = 0; i < bufs.length; i++) {
            bufs[i] = net.post(256);
        }
        byte[] f = frame(1000, 3);
        net.send(header(0, 0), f, 12);
        bench.guest.notify(1);
        List<Used> used = net.rxq.takeUsed();
        assertEquals(List.of(256, 256, 256, 244), used.stream().map(Used::len).toList());
        assertEquals(4, net.numBuffers(bufs[0]));
        byte[] got = new byte[1000];
        System.arraycopy(received(bufs[0] + HEADER, 244), 0, got, 0, 244);
        for (int i = 1; i < 4; i++) {
            System.arraycopy(received(bufs[i], used.get(i).len()), 0, got, 244 + 256 * (i - 1), used.get(i).len());
        }
        assertArrayEquals(f, got);
        byte[] small = frame(60, 4);
        net.send(header(0, 0), small);
        bench.guest.notify(1);
        assertEquals(List.of(HEADER + 60), net.rxq.takeUsed().stream().map(Used::len).toList());
        assertEquals(1, net.numBuffers(bufs[4]), "a small frame takes the next buffer alone");
        assertArrayEquals(small, received(bufs[4] + HEADER, 60));
    }

    @Test
    void framesWaitInTheEndpointWhileTheGuestHasNoBuffersAndOverflowIsCounted() {
        net.init(BASIC);
        for (int i = 0; i < 6; i++) {
            net.send(header(0, 0), frame(60 + i, i));
        }
        bench.guest.notify(1);
        assertEquals(6, net.txq.takeUsed().size(), "every transmit completes");
        assertEquals(List.of(), net.rxq.takeUsed());
        assertEquals(1L, net.inspect("device/endpoint/rx_dropped"), "one waits in the device, 4 in the backlog, 1 is dropped");
        assertEquals(true, net.inspect("device/rx_frame_waiting"));
        long[] bufs = new long[6];
        for (int i = 0; i < 6; i++) {
            bufs[i] = net.post(1526);
        }
        bench.guest.notify(0);
        List<Used> used = net.rxq.takeUsed();
        assertEquals(List.of(72, 73, 74, 75, 76), used.stream().map(Used::len).toList(), "the first five, in order");
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(frame(60 + i, i), received(bufs[i] + HEADER, 60 + i));
        }
        assertEquals(false, net.inspect("device/rx_frame_waiting"));
        assertTrue((long) net.inspect("device/rx_no_buffers") >= 1);
    }

    @Test
    void aFrameTooLargeForTheBufferIsDroppedAndTheBufferKept() {
        net.init(BASIC);
        long rx = net.post(100);
        net.send(header(0, 0), frame(200, 5));
        net.send(header(0, 0), frame(80, 6));
        bench.guest.notify(1);
        assertEquals(List.of(HEADER + 80), net.rxq.takeUsed().stream().map(Used::len).toList());
        assertArrayEquals(frame(80, 6), received(rx + HEADER, 80));
        assertEquals(1L, net.inspect("device/rx_too_large"));
    }

    @Test
    void mergeableFramesLargerThanTheWholeQueueAreDropped() {
        NetGuest small = new NetGuest(bench, 4);
        small.init(BASIC | F_MRG_RXBUF);
        for (int i = 0; i < 4; i++) {
            small.post(64);
        }
        small.send(header(0, 0), frame(1000, 7));
        bench.guest.notify(1);
        assertEquals(List.of(), small.rxq.takeUsed(), "the buffers are held, not returned");
        assertEquals(1L, small.inspect("device/rx_too_large"));
        assertEquals(4, small.inspect("device/rx_held_buffers"));
        small.send(header(0, 0), frame(100, 8));
        bench.guest.notify(1);
        assertEquals(List.of(64, 48), small.rxq.takeUsed().stream().map(Used::len).toList());
    }

    @Test
    void receiveChainsWithoutRoomForTheHeaderAreReturnedEmpty() {
        net.init(BASIC);
        net.rxq.add(Buf.in(bench.buffer(64), 64));
        net.rxq.add(Buf.out(bench.buffer(8), 8));
        long good = net.post(200);
        net.send(header(0, 0), frame(64, 9));
        bench.guest.notify(1);
        assertEquals(List.of(0, 0, HEADER + 64), net.rxq.takeUsed().stream().map(Used::len).toList());
        assertArrayEquals(frame(64, 9), received(good + HEADER, 64));
        assertEquals(2L, net.inspect("device/rx_bad_buffers"));
    }

    @Test
    void malformedTransmitsAreCompletedAndCountedWithoutFailingTheDevice() {
        net.init(BASIC);
        net.post(1526);
        int shortHeader = net.txq.add(Buf.in(bench.buffer(8), 8));
        int csum = net.send(header(1, 0), frame(60, 1));
        int gso = net.send(header(0, 1), frame(60, 1));
        int tiny = net.send(header(0, 0), frame(13, 1));
        int huge = net.txq.add(Buf.in(bench.buffer(12), 12), Buf.in(bench.buffer(65_551), 65_551));
        int good = net.send(header(0, 0), frame(60, 2));
        bench.guest.notify(1);
        assertEquals(List.of(shortHeader, csum, gso, tiny, huge, good), net.txq.takeUsed().stream().map(Used::id).toList());
        assertEquals(5L, net.inspect("device/tx_errors"));
        assertEquals(1L, net.inspect("device/tx_frames"));
        assertEquals(List.of(HEADER + 60), net.rxq.takeUsed().stream().map(Used::len).toList());
        assertEquals(0, bench.guest.status() & 64, "no DEVICE_NEEDS_RESET");
    }

    @Test
    void aLoopingChainNeedsAResetAndNothingEscapes() {
        net.init(BASIC);
        net.txq.writeDesc(0, bench.buffer(64), 64, 1, 1);
        net.txq.writeDesc(1, bench.buffer(64), 64, 1, 0);
        net.txq.publish(0);
        bench.guest.notify(1);
        assertEquals(64, bench.guest.status() & 64, "DEVICE_NEEDS_RESET");
        assertEquals(0L, net.inspect("device_failures"));
        NetGuest again = new NetGuest(bench, 64);
        again.init(BASIC);
        long rx = again.post(200);
        again.send(header(0, 0), frame(50, 3));
        bench.guest.notify(1);
        assertEquals(List.of(HEADER + 50), again.rxq.takeUsed().stream().map(Used::len).toList());
        assertArrayEquals(frame(50, 3), received(rx + HEADER, 50));
    }

    @Test
    void resetDisconnectsTheEndpointAndDropsWhatWaited() {
        net.init(BASIC);
        net.send(header(0, 0), frame(60, 1));
        bench.guest.notify(1);
        assertEquals(true, net.inspect("device/connected"));
        assertEquals(true, net.inspect("device/rx_frame_waiting"));
        bench.guest.write(0x070, 0);
        assertEquals(false, net.inspect("device/connected"));
        assertEquals(1L, net.inspect("device/rx_lost_on_reset"));
        assertEquals(false, net.inspect("device/endpoint/connected"));
        NetGuest again = new NetGuest(bench, 64);
        again.init(BASIC);
        again.post(200);
        bench.guest.notify(0);
        assertEquals(List.of(), again.rxq.takeUsed(), "nothing from before the reset");
        assertEquals(2L, net.inspect("device/endpoint/connects"));
    }
}
