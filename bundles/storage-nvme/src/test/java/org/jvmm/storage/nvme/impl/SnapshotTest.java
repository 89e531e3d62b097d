package org.jvmm.storage.nvme.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.storage.nvme.api.NvmeNamespaceException;
import org.jvmm.storage.nvme.driver.Cmd;
import org.jvmm.storage.nvme.driver.Cmd.Prp;
import org.jvmm.storage.nvme.driver.Cqe;
import org.jvmm.storage.nvme.driver.DriverQueue;
import org.jvmm.storage.nvme.driver.FakeAttachment.Msi;
import org.jvmm.storage.nvme.driver.Fixture;
import org.jvmm.storage.nvme.driver.MemDisk;
import org.jvmm.storage.nvme.driver.NvmeDriver;
import org.jvmm.storage.nvme.impl.core.ControllerIdentity;
import org.jvmm.storage.nvme.resources.NvmeControllerHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Unit nvme.controller: save a driven controller, restore into a fresh one, go on driving it. */
class SnapshotTest {
    private static final int READ = 0x02;
    private static final int WRITE = 0x01;
    private static final int CQ_ENTRIES = 8;
    private final MemDisk small = new MemDisk(512, 4096, false, true);
    private final MemDisk big = new MemDisk(4096, 256, false, false);
    private final Fixture f = Fixture.enabled(small, big);
    private final NvmeDriver d = f.driver;
    private NvmeController fresh;

    @AfterEach
    void close() {
        if (fresh != null) {
            fresh.close();
        }
        f.close();
    }

    /** A controller built from the same handle as the fixture's, with namespaces on {@code disks}. */
    private NvmeController fresh(MemDisk... disks) throws NvmeNamespaceException {
        fresh = new NvmeController(ControllerIdentity.of(NvmeControllerHandle.of(List.of())), f.memory);
        for (int i = 0; i < disks.length; i++) {
            fresh.addNamespace(i + 1, disks[i], false);
        }
        return fresh;
    }

    private static int[] config(NvmeDriver driver) {
        int[] out = new int[1024];
        for (int i = 0; i < out.length; i++) {
            out[i] = driver.configRead(i * 4);
        }
        return out;
    }

    private static int[] registers(NvmeDriver driver) {
        return new int[] {(int) driver.read32(0x14), (int) driver.read32(0x1C), (int) driver.read32(0x24),
                (int) driver.read32(0x0C), (int) driver.read64(0x28), (int) driver.read64(0x30)};
    }

    @Test
    void aRestoredControllerGoesOnWhereTheSavedOneStopped() throws Exception {
        d.enableMsix(2);
        assertTrue(d.admin(Cmd.setFeature(0x07, 2 | 2 << 16)).ok());
        assertTrue(d.admin(Cmd.setFeature(0x06, 0)).ok());
        assertTrue(d.admin(Cmd.setFeature(0x0B, 1 << 8)).ok());
        d.write32(0x0C, 0x4);
        DriverQueue q = d.createIoQueue(1, CQ_ENTRIES, 1);
        int aer = d.put(d.admin, Cmd.asyncEventRequest(), true);
        long src = f.pattern(11 * 512, 5);
        for (int i = 0; i < 11; i++) {
            assertTrue(d.call(q, Cmd.io(WRITE, 1, 20 + i, 1, new Prp(src + i * 512L, 0), false)).ok());
        }
        assertTrue(d.poll(d.admin).isEmpty(), "the event request stays outstanding");
        StateUnit unit = f.device.state().orElseThrow();
        assertEquals("nvme.controller", unit.unitName());
        assertEquals(1, unit.version());
        byte[] saved = unit.save();
        int[] config = config(d);
        int[] regs = registers(d);

        NvmeDriver d2 = new NvmeDriver(d, fresh(small, big));
        fresh.state().orElseThrow().restore(1, saved);
        assertArrayEquals(config, config(d2), "config space");
        assertArrayEquals(regs, registers(d2), "CC, CSTS, AQA, INTMS, ASQ, ACQ");

        long dst = f.alloc.page(4096);
        Cqe read = d2.call(q, Cmd.io(READ, 1, 23, 2, new Prp(dst, 0), false));
        assertTrue(read.ok(), read.toString());
        assertEquals(12 % CQ_ENTRIES, read.sqhd(), "the submission queue head went on from the saved one");
        assertArrayEquals(f.bytes(src + 3 * 512, 1024), f.bytes(dst, 1024));
        assertEquals(List.of(new Msi(NvmeDriver.MSI_ADDRESS, 1)), d2.att.msis, "MSI-X table and vector restored");
        assertEquals(2 | 2 << 16, d2.admin(Cmd.getFeature(0x07, 0, 0)).dw0(), "number of queues");
        assertEquals(0, d2.admin(Cmd.getFeature(0x06, 0, 0)).dw0(), "volatile write cache");

        fresh.removeNamespace(2);
        List<Cqe> event = d2.waitFor(d2.admin, 1);
        assertEquals(1, event.size(), "the saved event request completes: " + event);
        assertEquals(aer, event.get(0).cid());
        assertEquals(2 | 4 << 16, event.get(0).dw0(), "namespace attribute notice, changed namespace list");
        assertEquals(0, fresh.internalErrors());
    }

    @Test
    void anUnknownVersionOrMalformedBytesChangeNothing() throws Exception {
        byte[] saved = f.device.state().orElseThrow().save();
        NvmeController target = fresh(small, big);
        StateUnit unit = target.state().orElseThrow();
        byte[] before = unit.save();
        StateUnitException e = assertThrows(StateUnitException.class, () -> unit.restore(2, saved));
        assertTrue(e.getMessage().contains("nvme.controller"), e.getMessage());
        assertArrayEquals(before, unit.save());
        byte[] cut = Arrays.copyOf(saved, saved.length - 3);
        e = assertThrows(StateUnitException.class, () -> unit.restore(1, cut));
        assertTrue(e.getMessage().startsWith("nvme.controller"), e.getMessage());
        assertArrayEquals(before, unit.save());
    }

    @Test
    void aControllerWithOtherNamespacesRefusesTheState() throws Exception {
        d.createIoQueue(1, CQ_ENTRIES, 0);
        byte[] saved = f.device.state().orElseThrow().save();
        StateUnit unit = fresh(small).state().orElseThrow();
        byte[] before = unit.save();
        StateUnitException e = assertThrows(StateUnitException.class, () -> unit.restore(1, saved));
        assertTrue(e.getMessage().contains("nvme.controller") && e.getMessage().contains("namespaces"),
                e.getMessage());
        assertArrayEquals(before, unit.save(), "not even the config space changed");
        assertFalse(fresh.configSpace().busMasterEnabled());
    }

    @Test
    void savingWaitsForTheDiskAndRefusesWhenItDoesNotFinish() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Thread[] worker = new Thread[1];
        small.executor = r -> {
            worker[0] = new Thread(() -> {
                try {
                    gate.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                r.run();
            });
            worker[0].start();
        };
        DriverQueue q = d.createIoQueue(1, CQ_ENTRIES, 0);
        d.put(q, Cmd.io(READ, 1, 0, 1, new Prp(f.alloc.page(4096), 0), false), true);
        f.device.saveWaitMillis(50);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> f.device.state().orElseThrow().save());
        assertInstanceOf(StateUnitException.class, e.getCause());
        assertTrue(e.getMessage().contains("nvme") && e.getMessage().contains("1 disk requests"), e.getMessage());
        gate.countDown();
        worker[0].join(5000);
        assertEquals(1, d.waitFor(q, 1).size());
        assertTrue(f.device.state().orElseThrow().save().length > 0, "idle again: saved");
    }
}
