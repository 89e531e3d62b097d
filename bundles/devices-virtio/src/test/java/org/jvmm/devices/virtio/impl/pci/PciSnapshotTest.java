package org.jvmm.devices.virtio.impl.pci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.INDIRECT_DESC;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.driver.EchoDevice;
import org.jvmm.devices.virtio.driver.MemDisk;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.impl.blk.VirtioBlk;
import org.jvmm.devices.virtio.impl.pci.FakePciAttachment.Msi;
import org.jvmm.devices.virtio.impl.rng.VirtioRng;
import org.junit.jupiter.api.Test;

/**
 * virtio-blk over virtio-pci through a snapshot: MSI-X set up and one vector masked with a message
 * pending, saved; a fresh function (which the firmware gave another BAR address) and device on the
 * same guest memory and disk restored; the driver goes on where it was.
 */
class PciSnapshotTest {
    static final long F_FLUSH = 1L << 9;
    static final long FIRMWARE_BAR = 0x20_0000_0000L;

    /** The restored side: a fresh function on its own fake host, over the first bench's memory. */
    private record Side(PciTransport transport, FakePciAttachment host, PciGuest pci) {
        StateUnit unit() {
            return transport.state().orElseThrow();
        }
    }

    private static Side fresh(PciBench a, VirtioDevice device) {
        PciTransport t = new PciTransport(device, device.name() + "@test", a.mem);
        FakePciAttachment host = new FakePciAttachment();
        t.configSpace().pciAttached(host);
        PciGuest firmware = new PciGuest(t.configSpace(), host);
        firmware.programBar(FIRMWARE_BAR);
        return new Side(t, host, new PciGuest(t.configSpace(), host));
    }

    private static PciDriver driverAfterRestore(Side s) {
        s.pci().barAddress = PciBench.BAR_ADDRESS;
        s.pci().findCapabilities();
        return new PciDriver(s.pci());
    }

    private static int submit(PciBench b, PciDriver d, MockVirtqueue vq, int type, long sector, Buf data) {
        byte[] h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(type).putInt(0).putLong(sector)
                .array();
        long status = b.buffer(1, (byte) 0xEE);
        int head = vq.add(Buf.in(b.buffer(16, h), 16), data, Buf.out(status, 1));
        d.notify(0);
        return head;
    }

    private static int[] configDwords(PciGuest pci) {
        int[] out = new int[0x40];
        for (int i = 0; i < out.length; i++) {
            out[i] = pci.cfgRead(4 * i);
        }
        return out;
    }

    private static long[] commonAndTable(PciDriver d) {
        long[] out = new long[16 + 4 * d.pci.msixTableSize()];
        for (int i = 0; i < 16; i++) {
            out[i] = d.common(4 * i, 4);
        }
        for (int i = 0; i < 4 * d.pci.msixTableSize(); i++) {
            out[16 + i] = d.pci.read(d.pci.msixTable() + 4L * i, 4);
        }
        return out;
    }

    @Test
    void msixVectorsTablePendingBitsAndRingPositionsSurvive() throws Exception {
        MemDisk disk = MemDisk.of(64);
        try (PciBench a = new PciBench(new VirtioBlk(disk, false))) {
            MockVirtqueue vq = a.queue(0, 128);
            a.driver.initMsix(VERSION_1 | INDIRECT_DESC | F_FLUSH, vq);
            byte[] data = new byte[512];
            Arrays.fill(data, (byte) 0x3C);
            submit(a, a.driver, vq, 1, 7, Buf.in(a.buffer(512, data), 512));
            submit(a, a.driver, vq, 4, 0, Buf.out(a.buffer(8), 0));
            assertEquals(2, vq.takeUsed().size());
            assertEquals(2, a.host.takeMsis().size());
            a.pci.msixEntry(1, true);
            submit(a, a.driver, vq, 4, 0, Buf.out(a.buffer(8), 0));
            assertEquals(1, vq.takeUsed().size());
            assertTrue(a.pci.msixPending(1), "masked vector 1 holds its message");
            int[] config = configDwords(a.pci);
            long[] common = commonAndTable(a.driver);
            byte[] saved = a.transport.state().orElseThrow().save();

            Side b = fresh(a, new VirtioBlk(disk, false));
            b.unit().restore(1, saved);
            PciDriver d = driverAfterRestore(b);
            assertNull(firstRangeAt(b.host, FIRMWARE_BAR), "the firmware's BAR address is unmapped");
            assertArrayEquals(config, configDwords(b.pci()), "config space reads the same");
            assertArrayEquals(common, commonAndTable(d), "common configuration and MSI-X table read the same");
            assertTrue(b.pci().msixPending(1), "the pending bit survived");
            assertEquals(List.of(), b.host().takeMsis(), "restoring sends nothing");
            b.pci().msixEntry(1, false);
            assertEquals(List.of(new Msi(0xFEE0_0000L, 0x41)), b.host().takeMsis(), "unmasking delivers it");

            long in = a.buffer(512);
            int head = submit(a, d, vq, 0, 7, Buf.out(in, 512));
            List<Used> used = vq.takeUsed();
            assertEquals(List.of(new Used(head, 513)), used, "one completion, into the next used slot");
            assertEquals(4, vq.usedIdx());
            assertArrayEquals(data, a.read(in, 512));
            assertEquals(List.of(new Msi(0xFEE0_0000L, 0x41)), b.host().takeMsis(), "queue 0 -> vector 1 as before");
        }
    }

    private static Object firstRangeAt(FakePciAttachment host, long address) {
        return host.ranges().stream().filter(r -> r.contains(address)).findFirst().orElse(null);
    }

    @Test
    void aDeviceWithoutUnitOffersNoneAndAnotherDeviceIsRefused() throws Exception {
        try (PciBench a = new PciBench(new VirtioBlk(MemDisk.of(8), false))) {
            a.driver.init(VERSION_1, a.queue(0, 64));
            byte[] saved = a.transport.state().orElseThrow().save();
            Side rng = fresh(a, new VirtioRng(new Random(1)));
            StateUnitException e = assertThrows(StateUnitException.class, () -> rng.unit().restore(1, saved));
            assertTrue(e.getMessage().contains("virtio.blk"), e.getMessage());
            assertTrue(new PciTransport(new EchoDevice(0, 1, 16), "echo", a.mem)
                    .state().isEmpty(), "a device without a unit: the VM cannot be saved");
            StateUnitException version = assertThrows(StateUnitException.class,
                    () -> fresh(a, new VirtioBlk(MemDisk.of(8), false)).unit().restore(9, saved));
            assertInstanceOf(StateUnitException.class, version);
            assertTrue(version.getMessage().contains("version 9"), version.getMessage());
        }
    }
}
