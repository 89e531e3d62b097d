package org.jvmm.devices.virtio.impl.blk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.devices.virtio.driver.FakeLine;
import org.jvmm.devices.virtio.driver.MemDisk;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MmioGuest;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.driver.TestRam;
import org.jvmm.devices.virtio.impl.mmio.MmioTransport;
import org.jvmm.chipset.api.SaveRefusedException;
import org.jvmm.guestmem.GuestMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * virtio-blk over virtio-mmio through a snapshot: a driver at DRIVER_OK does requests, the transport
 * is saved, a fresh transport and device are built from the same disk and guest memory (the VM's
 * RAM is restored separately), the state restored, and the driver goes on without a reset.
 */
class BlkSnapshotTest {
    static final long F_FLUSH = 1L << 9;
    private final GuestMemory mem = TestRam.flat(4 << 20);
    private final TestRam.Allocator alloc = new TestRam.Allocator(1 << 20);
    private final MockVirtqueue vq = MockVirtqueue.at(mem, 0x10000, 128);

    /** One VM's side: a transport, its line and the driver's register view. */
    private record Side(MmioTransport transport, FakeLine line, MmioGuest guest) {
        StateUnit unit() {
            return transport.state().orElseThrow();
        }
    }

    private Side side(VirtioBlk blk) {
        FakeLine line = new FakeLine();
        MmioTransport t = new MmioTransport(blk, MmioBench.BASE, MmioBench.GSI, mem, line);
        return new Side(t, line, new MmioGuest(t, MmioBench.BASE));
    }

    @AfterEach
    void tearDown() {
        mem.close();
    }

    private long buffer(int len, byte... bytes) {
        long at = alloc.alloc(len, 16);
        mem.fill(at, len, (byte) 0);
        mem.write(at, bytes, 0, bytes.length);
        return at;
    }

    /** Puts a request in the queue (indirect when asked) and notifies; returns the status buffer. */
    private long submit(MmioGuest guest, int type, long sector, Buf data, boolean indirect) {
        byte[] h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(type).putInt(0).putLong(sector)
                .array();
        long status = buffer(1, (byte) 0xEE);
        Buf[] bufs = {Buf.in(buffer(16, h), 16), data, Buf.out(status, 1)};
        if (indirect) {
            vq.addIndirect(alloc.alloc(48, 16), bufs);
        } else {
            vq.add(bufs);
        }
        guest.notify(0);
        return status;
    }

    private int statusAt(long status) {
        byte[] b = new byte[1];
        mem.read(status, b, 0, 1);
        return b[0];
    }

    /** What the driver reads back: registers for the current selections and the config space. */
    private static long[] registers(MmioGuest g) {
        int[] regs = {VERSION, DEVICE_ID, DEVICE_FEATURES, QUEUE_NUM_MAX, QUEUE_NUM, QUEUE_READY, INTERRUPT_STATUS,
            STATUS, QUEUE_DESC_LOW, QUEUE_DESC_HIGH, QUEUE_DRIVER_LOW, QUEUE_DRIVER_HIGH, QUEUE_DEVICE_LOW,
            QUEUE_DEVICE_HIGH, CONFIG_GENERATION};
        long[] out = new long[regs.length + BlkConfig.SIZE / 4];
        for (int i = 0; i < regs.length; i++) {
            out[i] = g.read(regs[i]);
        }
        for (int i = 0; i < BlkConfig.SIZE / 4; i++) {
            out[regs.length + i] = g.config(4 * i, 4);
        }
        return out;
    }

    @Test
    void theNextRequestAfterARestoreCompletesIntoTheNextUsedSlot() throws Exception {
        MemDisk disk = MemDisk.of(64);
        Side a = side(new VirtioBlk(disk, false));
        a.guest().init(VERSION_1 | INDIRECT_DESC | F_FLUSH, vq);
        byte[] data = new byte[512];
        Arrays.fill(data, (byte) 0x5A);
        assertEquals(0, statusAt(submit(a.guest(), BlkSpec.T_OUT, 3, Buf.in(buffer(512, data), 512), false)));
        assertEquals(0, statusAt(submit(a.guest(), BlkSpec.T_FLUSH, 0, Buf.out(buffer(8), 0), false)));
        assertEquals(1, a.guest().handleInterrupt());
        assertEquals(0, statusAt(submit(a.guest(), BlkSpec.T_IN, 3, Buf.out(buffer(512), 512), false)));
        assertEquals(3, vq.takeUsed().size());
        assertTrue(a.line().level(), "the last completion's interrupt is not acknowledged yet");
        a.guest().write(DEVICE_FEATURES_SEL, 1);
        long[] before = registers(a.guest());

        byte[] saved = a.unit().save();
        Side b = side(new VirtioBlk(disk, false));
        b.unit().restore(1, saved);

        assertArrayEquals(before, registers(b.guest()), "the driver reads the same registers");
        assertTrue(b.line().level(), "the pending interrupt is still asserted");
        assertEquals(1, b.guest().handleInterrupt());
        assertFalse(b.line().level());
        long in = buffer(512);
        long status = submit(b.guest(), BlkSpec.T_IN, 3, Buf.out(in, 512), true);
        List<Used> used = vq.takeUsed();
        assertEquals(1, used.size(), "one completion: the old chains were not taken again");
        assertEquals(4, vq.usedIdx(), "next_used went on from 3");
        assertEquals(513, used.getFirst().len(), "data and status of an indirect chain (negotiated features restored)");
        assertEquals(0, statusAt(status));
        byte[] got = new byte[512];
        mem.read(in, got, 0, 512);
        assertArrayEquals(data, got);
        assertTrue(b.line().level(), "and it interrupts the driver");
    }

    @Test
    void aDeviceBeforeDriverOkRestoresItsNegotiationOnly() throws Exception {
        MemDisk disk = MemDisk.of(64);
        Side a = side(new VirtioBlk(disk, false));
        a.guest().negotiate(VERSION_1 | F_FLUSH);
        a.guest().setupQueue(0, vq);
        Side b = side(new VirtioBlk(disk, false));
        b.unit().restore(1, a.unit().save());
        assertEquals(ACKNOWLEDGE | DRIVER | FEATURES_OK, b.guest().status());
        assertEquals(1, b.guest().read(QUEUE_READY));
        b.guest().write(STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK);
        assertEquals(0, statusAt(submit(b.guest(), BlkSpec.T_FLUSH, 0, Buf.out(buffer(8), 0), false)));
        assertEquals(1, vq.takeUsed().size());
    }

    @Test
    void aRequestStillRunningOnTheDiskRefusesTheSave() throws Exception {
        List<Runnable> diskWork = new ArrayList<>();
        MemDisk disk = new MemDisk(512, 64, false, true, null, diskWork::add);
        Side a = side(new VirtioBlk(disk, false, 50));
        a.guest().init(VERSION_1 | F_FLUSH, vq);
        long status = submit(a.guest(), BlkSpec.T_IN, 0, Buf.out(buffer(512), 512), false);
        SaveRefusedException e = assertThrows(SaveRefusedException.class, () -> a.unit().save());
        StateUnitException reason = assertInstanceOf(StateUnitException.class, e.getCause());
        assertTrue(reason.getMessage().contains("1 disk requests still running"), reason.getMessage());
        diskWork.forEach(Runnable::run);
        assertEquals(0, statusAt(status));
        assertEquals(1, vq.takeUsed().size());
        assertTrue(a.unit().save().length > 0, "saved once the disk is done");
    }

    @Test
    void unknownVersionsAndAnotherDiskAreRefused() throws Exception {
        Side a = side(new VirtioBlk(MemDisk.of(64), false));
        a.guest().init(VERSION_1, vq);
        byte[] saved = a.unit().save();
        Side b = side(new VirtioBlk(MemDisk.of(64), false));
        StateUnitException version = assertThrows(StateUnitException.class, () -> b.unit().restore(2, saved));
        assertTrue(version.getMessage().contains("virtio.mmio") && version.getMessage().contains("version 2"),
                version.getMessage());
        assertEquals(0, b.guest().status(), "left as it was");
        Side bigger = side(new VirtioBlk(MemDisk.of(128), false));
        StateUnitException disk = assertThrows(StateUnitException.class, () -> bigger.unit().restore(1, saved));
        assertTrue(disk.getMessage().contains("64 sectors"), disk.getMessage());
    }
}
