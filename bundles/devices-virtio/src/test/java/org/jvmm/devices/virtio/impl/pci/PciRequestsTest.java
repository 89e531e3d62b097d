package org.jvmm.devices.virtio.impl.pci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.EVENT_IDX;
import static org.jvmm.devices.virtio.driver.MmioGuest.INDIRECT_DESC;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jvmm.devices.virtio.driver.EchoDevice;
import org.jvmm.devices.virtio.driver.MemDisk;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.impl.blk.VirtioBlk;
import org.jvmm.devices.virtio.impl.pci.FakePciAttachment.Msi;
import org.jvmm.devices.virtio.impl.rng.VirtioRng;
import org.junit.jupiter.api.Test;

/** Whole driver sequences over virtio-pci: requests through virtio-rng, virtio-blk and a two-queue device. */
class PciRequestsTest {
    static final long F_FLUSH = 1L << 9;

    @Test
    void rngRequestCompletesAndRaisesIntxThroughTheIsr() {
        try (PciBench b = new PciBench(new VirtioRng(new Random(42)))) {
            MockVirtqueue vq = b.queue(0, 64);
            assertEquals(VERSION_1 | EVENT_IDX, b.driver.init(VERSION_1 | EVENT_IDX, vq));
            long buf = b.buffer(100);
            int head = vq.add(Buf.out(buf, 100));
            b.driver.notify(0);
            assertEquals(List.of(new Used(head, 100)), vq.takeUsed());
            byte[] expected = new byte[4096];
            new Random(42).nextBytes(expected);
            assertArrayEquals(Arrays.copyOf(expected, 100), b.read(buf, 100));
            assertTrue(b.host.line(1).level(), "INTA asserted without MSI-X");
            assertEquals(1, b.driver.isr(), "queue interrupt");
            assertFalse(b.host.line(1).level(), "reading the ISR deasserts INTA");
            assertEquals(0, b.driver.isr(), "and clears it");
            assertEquals(List.of(), b.host.takeMsis());
        }
    }

    @Test
    void blkWriteThenReadWithMsixVectors() {
        MemDisk disk = MemDisk.of(64);
        try (PciBench b = new PciBench(new VirtioBlk(disk, false))) {
            MockVirtqueue vq = b.queue(0, 128);
            assertEquals(VERSION_1 | INDIRECT_DESC | F_FLUSH, b.driver.initMsix(VERSION_1 | INDIRECT_DESC | F_FLUSH, vq));
            assertEquals(64, b.driver.config(0, 8), "capacity in 512-byte sectors, 8-byte read");
            assertEquals(64, b.driver.config(0, 4) | b.driver.config(4, 4) << 32, "or two dwords");
            byte[] data = new byte[512];
            Arrays.fill(data, (byte) 0x5A);
            assertEquals(0, request(b, vq, 1, 3, Buf.in(b.buffer(512, data), 512)), "write");
            assertEquals(List.of(new Msi(0xFEE0_0000L, 0x41)), b.host.takeMsis(), "queue 0 -> vector 1");
            assertArrayEquals(data, Arrays.copyOfRange(disk.data(), 3 * 512, 4 * 512));
            long in = b.buffer(512);
            assertEquals(0, request(b, vq, 0, 3, Buf.out(in, 512)), "read");
            assertArrayEquals(data, b.read(in, 512));
            assertEquals(1, b.host.takeMsis().size());
            assertFalse(b.host.line(1).level(), "no INTx with MSI-X");
            assertEquals(0, b.driver.isr(), "nor ISR bits");
        }
    }

    @Test
    void twoQueuesGetTheirOwnDoorbellsAndVectors() {
        EchoDevice echo = new EchoDevice(0, 2, 16);
        try (PciBench b = new PciBench(echo)) {
            MockVirtqueue q0 = b.queue(0, 16);
            MockVirtqueue q1 = b.queue(1, 8);
            b.driver.initMsix(VERSION_1, q0, q1);
            assertEquals(16, echo.activation().queue(0).size());
            assertEquals(8, echo.activation().queue(1).size());
            long src = b.buffer(4, (byte) 1, (byte) 2, (byte) 3, (byte) 4);
            long dst = b.buffer(4);
            int head = q1.add(Buf.in(src, 4), Buf.out(dst, 4));
            b.driver.notify(1);
            assertEquals(List.of(1), echo.notifies, "the doorbell at 0x3004 is queue 1's");
            assertEquals(List.of(new Used(head, 4)), q1.takeUsed());
            assertArrayEquals(new byte[] {1, 2, 3, 4}, b.read(dst, 4));
            assertEquals(List.of(new Msi(0xFEE0_0000L, 0x42)), b.host.takeMsis(), "queue 1 -> vector 2");
        }
    }

    @Test
    void queueRegistersReadBackWhatTheDriverWrote() {
        EchoDevice echo = new EchoDevice(0, 2, 16);
        try (PciBench b = new PciBench(echo)) {
            MockVirtqueue q1 = b.queue(1, 8);
            b.driver.negotiate(VERSION_1);
            b.driver.setupQueue(1, q1, PciDriver.NO_VECTOR);
            PciDriver d = b.driver;
            d.common(PciDriver.QUEUE_SELECT, 2, 1);
            assertEquals(8, d.common(PciDriver.QUEUE_SIZE, 2));
            assertEquals(1, d.common(PciDriver.QUEUE_ENABLE, 2));
            assertEquals(q1.desc(), d.common(PciDriver.QUEUE_DESC, 8));
            assertEquals(q1.avail(), d.common(PciDriver.QUEUE_DRIVER, 8));
            assertEquals(q1.used(), d.common(PciDriver.QUEUE_DEVICE, 4));
            d.common(PciDriver.QUEUE_SELECT, 2, 0);
            assertEquals(16, d.common(PciDriver.QUEUE_SIZE, 2), "queue 0 still offers its maximum");
            assertEquals(0, d.common(PciDriver.QUEUE_ENABLE, 2));
            d.common(PciDriver.DRIVER_FEATURE_SELECT, 4, 1);
            assertEquals(1, d.common(PciDriver.DRIVER_FEATURE, 4), "VERSION_1 as accepted");
        }
    }

    /** A virtio-blk request: header, data, status byte; returns the status. */
    static int request(PciBench b, MockVirtqueue vq, int type, long sector, Buf data) {
        byte[] h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(type).putInt(0).putLong(sector).array();
        long status = b.buffer(1, (byte) 0xEE);
        int head = vq.add(Buf.in(b.buffer(16, h), 16), data, Buf.out(status, 1));
        b.driver.notify(0);
        List<Used> used = vq.takeUsed();
        assertEquals(1, used.size());
        assertEquals(head, used.getFirst().id());
        return b.read(status, 1)[0];
    }
}
