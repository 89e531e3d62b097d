package org.jvmm.storage.nvme.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jvmm.storage.nvme.driver.Cmd;
import org.jvmm.storage.nvme.driver.Cmd.Prp;
import org.jvmm.storage.nvme.driver.Cqe;
import org.jvmm.storage.nvme.driver.DriverQueue;
import org.jvmm.storage.nvme.driver.Fixture;
import org.jvmm.storage.nvme.driver.MemDisk;
import org.jvmm.storage.nvme.driver.NvmeDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Disk I/O that completes later, on another thread: completions, deletion and reset around it. */
class InFlightTest {
    private final MemDisk disk = new MemDisk(512, 4096, false, true);
    private final Fixture f = Fixture.enabled(disk);
    private final NvmeDriver d = f.driver;
    private final DriverQueue q = d.createIoQueue(1, 32, 0);
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final CountDownLatch gate = new CountDownLatch(1);

    InFlightTest() {
        disk.executor = r -> pool.execute(() -> {
            try {
                gate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.run();
        });
    }

    @AfterEach
    void close() {
        gate.countDown();
        pool.shutdownNow();
        f.close();
    }

    @Test
    void completionsArriveFromTheDiskThreads() {
        long src = f.pattern(64 * 512, 9);
        for (int i = 0; i < 8; i++) {
            d.put(q, Cmd.io(0x01, 1, i * 8, 8, new Prp(src + i * 4096L, 0), false), false);
        }
        d.ring(q);
        assertTrue(d.poll(q).isEmpty(), "nothing completes before the disk does");
        gate.countDown();
        List<Cqe> got = d.waitFor(q, 8);
        assertEquals(8, got.size());
        assertTrue(got.stream().allMatch(Cqe::ok));
        assertArrayEquals(f.bytes(src, 64 * 512), Arrays.copyOf(disk.data, 64 * 512));
    }

    @Test
    void deletingAQueueWaitsForItsCommands() {
        int io = d.put(q, Cmd.io(0x02, 1, 0, 1, new Prp(f.alloc.page(4096), 0), false), true);
        int del = d.put(d.admin, Cmd.deleteSq(1), true);
        assertTrue(d.poll(d.admin).isEmpty(), "the deletion waits for the read");
        gate.countDown();
        List<Cqe> read = d.waitFor(q, 1);
        assertEquals(io, read.get(0).cid());
        List<Cqe> deleted = d.waitFor(d.admin, 1);
        assertEquals(del, deleted.get(0).cid());
        assertTrue(deleted.get(0).ok());
        assertTrue(d.admin(Cmd.deleteCq(1)).ok());
    }

    @Test
    void disablingWaitsForTheDiskBeforeClearingReady() {
        d.put(q, Cmd.io(0x02, 1, 0, 1, new Prp(f.alloc.page(4096), 0), false), true);
        d.write32(0x14, 0x0046_0000);
        assertEquals(1, d.read32(0x1C) & 1, "RDY stays set while a read is in flight");
        d.write32(0x14, 0x0046_0001);
        assertEquals(0x0046_0000, d.read32(0x14), "enabling again before RDY clears is ignored");
        byte[] cqBefore = f.bytes(q.cq, 32 * 16);
        gate.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((d.read32(0x1C) & 1) != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, d.read32(0x1C), "reset complete");
        assertArrayEquals(cqBefore, f.bytes(q.cq, 32 * 16), "no completion is written after the reset");
        d.enable();
        assertEquals(0, f.device.internalErrors());
    }
}
