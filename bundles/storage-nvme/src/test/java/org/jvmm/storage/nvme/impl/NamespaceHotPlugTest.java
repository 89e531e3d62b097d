package org.jvmm.storage.nvme.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jvmm.storage.nvme.api.NvmeNamespaceException;
import org.jvmm.storage.nvme.api.NvmeNamespaceInfo;
import org.jvmm.storage.nvme.driver.Cmd;
import org.jvmm.storage.nvme.driver.Cmd.Prp;
import org.jvmm.storage.nvme.driver.Cqe;
import org.jvmm.storage.nvme.driver.DriverQueue;
import org.jvmm.storage.nvme.driver.Fixture;
import org.jvmm.storage.nvme.driver.MemDisk;
import org.jvmm.storage.nvme.driver.NvmeDriver;
import org.jvmm.storage.nvme.impl.spec.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NamespaceHotPlugTest {
    private static final int NS_CHANGED_EVENT = 0x04_00_02;
    private final MemDisk first = new MemDisk(512, 1024, false, true);
    private final Fixture f = Fixture.enabled(first);
    private final NvmeDriver d = f.driver;

    @AfterEach
    void close() {
        f.close();
    }

    private List<Integer> changedLog(boolean retain) {
        long buf = f.alloc.page(4096);
        assertTrue(d.admin(Cmd.getLogPage(0x04, 4096, buf, retain)).ok());
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < 1024 && f.memory.read32(buf + i * 4L) != 0; i++) {
            out.add(f.memory.read32(buf + i * 4L));
        }
        return out;
    }

    @Test
    void addingANamespaceRaisesTheChangedNamespaceEvent() throws Exception {
        assertTrue(d.admin(Cmd.setFeature(0x0B, 1 << 8)).ok());
        int aer = d.put(d.admin, Cmd.asyncEventRequest(), true);
        assertTrue(d.poll(d.admin).isEmpty());
        assertEquals(4, f.device.addNamespace(4, new MemDisk(4096, 256, false, false), false));
        List<Cqe> event = d.poll(d.admin);
        assertEquals(1, event.size());
        assertEquals(aer, event.get(0).cid());
        assertEquals(NS_CHANGED_EVENT, event.get(0).dw0(), "notice, namespace attribute changed, log 04h");
        assertEquals(List.of(1, 4), ids(d.identify(2, 0)));
        assertEquals(256, java.nio.ByteBuffer.wrap(d.identify(0, 4)).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong(0));

        d.put(d.admin, Cmd.asyncEventRequest(), true);
        assertEquals(2, f.device.addNamespace(0, new MemDisk(512, 8, false, false), false), "lowest free id");
        assertTrue(d.poll(d.admin).isEmpty(), "masked until the log is read");
        assertEquals(List.of(2, 4), changedLog(true), "retained: still masked");
        assertTrue(d.poll(d.admin).isEmpty());
        int read = d.put(d.admin, Cmd.getLogPage(0x04, 4096, f.alloc.page(4096), false), true);
        List<Cqe> got = d.waitFor(d.admin, 1);
        assertEquals(List.of(read), got.stream().map(Cqe::cid).toList(),
                "the masked event's change was in the list just read: no event for it");
        assertEquals(List.of(), changedLog(false), "reading cleared the list");
        f.device.addNamespace(6, new MemDisk(512, 8, false, false), false);
        assertEquals(NS_CHANGED_EVENT, d.poll(d.admin).get(0).dw0(), "unmasked again: the waiting request fires");
    }

    @Test
    void removingANamespace() throws Exception {
        assertTrue(d.admin(Cmd.setFeature(0x0B, 1 << 8)).ok());
        DriverQueue q = d.createIoQueue(1, 16, 0);
        long buf = f.alloc.page(4096);
        d.put(d.admin, Cmd.asyncEventRequest(), true);
        f.device.removeNamespace(1);
        assertEquals(NS_CHANGED_EVENT, d.poll(d.admin).get(0).dw0());
        assertEquals(List.of(1), changedLog(false));
        assertTrue(first.closed);
        assertEquals(Status.INVALID_NAMESPACE, d.call(q, Cmd.io(0x02, 1, 0, 1, new Prp(buf, 0), false)).status());
        assertEquals(List.of(), ids(d.identify(2, 0)));
        assertEquals(List.of(), f.device.namespaces());
    }

    @Test
    void aDiskIsClosedOnlyAfterItsIoFinished() throws Exception {
        DriverQueue q = d.createIoQueue(1, 16, 0);
        CountDownLatch gate = new CountDownLatch(1);
        var pool = Executors.newSingleThreadExecutor();
        try {
            first.executor = r -> pool.execute(() -> {
                await(gate);
                r.run();
            });
            long buf = f.alloc.page(4096);
            int cid = d.put(q, Cmd.io(0x02, 1, 0, 1, new Prp(buf, 0), false), true);
            f.device.removeNamespace(1);
            assertFalse(first.closed, "a read is in flight");
            gate.countDown();
            List<Cqe> got = d.waitFor(q, 1);
            assertEquals(cid, got.get(0).cid());
            assertTrue(got.get(0).ok(), "the command started before the removal completes normally");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!first.closed && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(first.closed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theApiChecksItsArguments() {
        MemDisk disk = new MemDisk(512, 8, false, false);
        assertEquals("nvme nvme: namespace 1: id is in use",
                assertThrows(NvmeNamespaceException.class, () -> f.device.addNamespace(1, disk, false)).getMessage());
        assertTrue(assertThrows(NvmeNamespaceException.class, () -> f.device.addNamespace(257, disk, false))
                .getMessage().contains("id must be 1..256"));
        assertTrue(assertThrows(NvmeNamespaceException.class,
                () -> f.device.addNamespace(2, new MemDisk(256, 8, false, false), false)).getMessage()
                .contains("sector size 256"));
        assertEquals("nvme nvme: no namespace 9",
                assertThrows(NvmeNamespaceException.class, () -> f.device.removeNamespace(9)).getMessage());
        assertFalse(disk.closed, "a refused disk stays the caller's");
        assertEquals(List.of(new NvmeNamespaceInfo(1, 512, 1024, false)), f.device.namespaces());
        assertEquals(256, f.device.maxNamespaceId());
    }

    @Test
    void noEventWithoutNoticesEnabled() throws Exception {
        d.put(d.admin, Cmd.asyncEventRequest(), true);
        f.device.addNamespace(3, new MemDisk(512, 8, false, false), false);
        assertTrue(d.poll(d.admin).isEmpty(), "namespace attribute notices are off by default");
        assertEquals(List.of(3), changedLog(false), "the log is kept regardless");
    }

    private static void await(CountDownLatch gate) {
        try {
            gate.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Integer> ids(byte[] list) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(list).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < 1024 && b.getInt(i * 4) != 0; i++) {
            out.add(b.getInt(i * 4));
        }
        return out;
    }
}
