package org.jvmm.storage.nvme.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jvmm.storage.disk.api.DiskStatus;
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

class IoTest {
    private static final int READ = 0x02;
    private static final int WRITE = 0x01;
    private final MemDisk small = new MemDisk(512, 8192, false, true);
    private final MemDisk big = new MemDisk(4096, 1024, false, false);
    private final Fixture f = Fixture.enabled(small, big);
    private final NvmeDriver d = f.driver;
    private final DriverQueue q = d.createIoQueue(1, 64, 0);

    @AfterEach
    void close() {
        f.close();
    }

    /** {@code n} page-aligned, non-adjacent pages. */
    private List<Long> pages(int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(f.alloc.page(8192));
        }
        return out;
    }

    @Test
    void writeThenReadWithPrp1Only() {
        long src = f.pattern(512, 1);
        assertTrue(d.call(q, Cmd.io(WRITE, 1, 7, 1, new Prp(src, 0), false)).ok());
        assertArrayEquals(f.bytes(src, 512), Arrays.copyOfRange(small.data, 7 * 512, 8 * 512));
        long dst = f.alloc.page(4096) + 1024;
        assertTrue(d.call(q, Cmd.io(READ, 1, 7, 1, new Prp(dst, 0), false)).ok());
        assertArrayEquals(f.bytes(src, 512), f.bytes(dst, 512));
        assertEquals(List.of("write 7 512", "read 7 512"), small.log);
    }

    @Test
    void prp1WithAnOffsetAndPrp2() {
        long first = f.alloc.page(8192) + 4096 - 1536;
        long second = f.alloc.page(4096);
        byte[] data = new byte[4096];
        Arrays.fill(data, (byte) 0x5A);
        f.memory.write(first, data, 0, 1536);
        f.memory.write(second, data, 0, 2560);
        assertTrue(d.call(q, Cmd.io(WRITE, 1, 100, 8, new Prp(first, second), false)).ok());
        assertArrayEquals(data, Arrays.copyOfRange(small.data, 100 * 512, 108 * 512));
        Cqe bad = d.call(q, Cmd.io(WRITE, 1, 100, 8, new Prp(first, second + 8), false));
        assertEquals(Status.PRP_OFFSET_INVALID, bad.status(), "PRP2 as a data page must be page aligned");
    }

    @Test
    void prpListsAcrossPagesStartingInsideAListPage() {
        List<Long> pages = pages(16);
        long first = f.alloc.page(8192) + 4096 - 512;
        Prp prp = f.prps.build(first, pages.subList(0, 15), 4096 - 15 * 8);
        int blocks = (512 + 15 * 4096) / 512;
        byte[] expect = new byte[blocks * 512];
        for (int i = 0; i < expect.length; i++) {
            expect[i] = (byte) (i * 13 + (i >>> 12));
        }
        f.memory.write(first, expect, 0, 512);
        for (int i = 0; i < 15; i++) {
            f.memory.write(pages.get(i), expect, 512 + i * 4096, 4096);
        }
        assertTrue(d.call(q, Cmd.io(WRITE, 1, 1000, blocks, prp, true)).ok());
        assertArrayEquals(expect, Arrays.copyOfRange(small.data, 1000 * 512, 1000 * 512 + expect.length));
        assertEquals("write 1000 61952 fua", small.log.get(0));
    }

    @Test
    void chainedPrpListsOnA4kNamespace() {
        List<Long> pages = pages(40);
        Prp prp = f.prps.build(pages.get(0), pages.subList(1, 40), 4096 - 3 * 8);
        for (int i = 0; i < 40; i++) {
            Arrays.fill(big.data, i * 4096, (i + 1) * 4096, (byte) (i + 1));
        }
        assertTrue(d.call(q, Cmd.io(READ, 2, 0, 40, prp, false)).ok(), "lists of 3, then 512 entries");
        for (int i = 0; i < 40; i++) {
            byte[] got = f.bytes(pages.get(i), 4096);
            byte[] want = new byte[4096];
            Arrays.fill(want, (byte) (i + 1));
            assertArrayEquals(want, got, "page " + i);
        }
    }

    @Test
    void largerMemoryPageSize() {
        d.disable();
        d.enable(0x0046_0001 | 1 << 7);
        assertEquals(1, d.read32(0x1C) & 3);
        DriverQueue q8 = d.createIoQueue(1, 16, 0);
        long first = f.alloc.alloc(16384, 8192) + 8192 - 1024;
        long second = f.alloc.alloc(8192, 8192);
        long src = f.pattern(9216, 4);
        f.memory.write(first, f.bytes(src, 1024), 0, 1024);
        f.memory.write(second, f.bytes(src + 1024, 8192), 0, 8192);
        assertTrue(d.call(q8, Cmd.io(WRITE, 1, 0, 18, new Prp(first, second), false)).ok(),
                "1 KiB in PRP1's 8 KiB page, 8 KiB in PRP2");
        assertArrayEquals(f.bytes(src, 9216), Arrays.copyOf(small.data, 9216));
    }

    @Test
    void flushAndWriteCache() {
        assertTrue(d.call(q, Cmd.flush(1)).ok());
        assertTrue(d.call(q, Cmd.flush(-1)).ok(), "all namespaces");
        assertEquals(List.of("flush", "flush"), small.log);
        assertEquals(List.of("flush"), big.log);
        assertTrue(d.admin(Cmd.setFeature(0x06, 0)).ok());
        assertTrue(d.call(q, Cmd.io(WRITE, 1, 0, 1, new Prp(f.pattern(512, 2), 0), false)).ok());
        assertEquals("write 0 512 fua", small.log.get(2), "without a write cache every write is FUA");
        assertEquals(Status.INVALID_NAMESPACE, d.call(q, Cmd.flush(9)).status());
    }

    @Test
    void datasetManagementDeallocates() {
        Arrays.fill(small.data, (byte) 1);
        long ranges = f.alloc.page(4096);
        f.memory.write32(ranges + 4, 8);
        f.memory.write64(ranges + 8, 16);
        f.memory.write32(ranges + 16 + 4, 0);
        f.memory.write32(ranges + 32 + 4, 2);
        f.memory.write64(ranges + 32 + 8, 100);
        assertTrue(d.call(q, Cmd.of(0x09, 1, ranges, 0, 2, 1 << 2, 0)).ok());
        assertEquals(List.of("unmap 16 8", "unmap 100 2"), small.log, "the empty range is skipped");
        assertEquals(0, small.data[16 * 512]);
        assertTrue(d.call(q, Cmd.of(0x09, 1, ranges, 0, 0, 0, 0)).ok(), "no deallocate attribute: a hint");
        assertTrue(d.call(q, Cmd.of(0x09, 2, ranges, 0, 0, 1 << 2, 0)).ok(), "a disk without unmap ignores it");
        assertEquals(2, small.log.size());
        assertTrue(big.log.isEmpty());
        f.memory.write64(ranges + 8, 8190);
        assertEquals(Status.LBA_OUT_OF_RANGE, d.call(q, Cmd.of(0x09, 1, ranges, 0, 0, 1 << 2, 0)).status());
        assertEquals(Status.DATA_TRANSFER_ERROR, d.call(q, Cmd.of(0x09, 1, Fixture.RAM, 0, 0, 1 << 2, 0)).status());
    }

    @Test
    void writeZeroes() {
        Arrays.fill(big.data, (byte) 7);
        assertTrue(d.call(q, Cmd.of(0x08, 2, 0, 0, 3, 0, 299)).ok());
        assertEquals("write 3 1228800", big.log.get(0));
        assertEquals(0, big.data[3 * 4096]);
        assertEquals(0, big.data[303 * 4096 - 1]);
        assertEquals(7, big.data[303 * 4096]);
        assertEquals(Status.LBA_OUT_OF_RANGE, d.call(q, Cmd.of(0x08, 2, 0, 0, 1000, 0, 99)).status());
    }

    @Test
    void commandErrors() {
        long buf = f.alloc.page(1 << 20);
        Prp one = new Prp(buf, 0);
        assertEquals(Status.INVALID_NAMESPACE, d.call(q, Cmd.io(READ, 3, 0, 1, one, false)).status());
        assertEquals(Status.INVALID_NAMESPACE, d.call(q, Cmd.io(READ, 0, 0, 1, one, false)).status());
        assertEquals(Status.LBA_OUT_OF_RANGE, d.call(q, Cmd.io(READ, 1, 8191, 2, one, false)).status());
        assertEquals(Status.LBA_OUT_OF_RANGE, d.call(q, Cmd.io(READ, 1, -1L, 1, one, false)).status(),
                "an LBA above 2^63");
        assertEquals(Status.INVALID_FIELD, d.call(q, Cmd.io(READ, 1, 0, 4096, one, false)).status(),
                "2 MiB is more than MDTS");
        assertEquals(Status.PRP_OFFSET_INVALID, d.call(q, Cmd.io(READ, 1, 0, 1, new Prp(buf + 2, 0), false)).status());
        assertEquals(Status.DATA_TRANSFER_ERROR,
                d.call(q, Cmd.io(READ, 1, 0, 1, new Prp(Fixture.RAM + 512, 0), false)).status());
        assertEquals(Status.DATA_TRANSFER_ERROR,
                d.call(q, Cmd.io(READ, 1, 0, 1, new Prp(Fixture.RAM - 256, Fixture.RAM), false)).status(),
                "the second half beyond RAM");
        assertEquals(Status.DATA_TRANSFER_ERROR,
                d.call(q, Cmd.io(READ, 1, 0, 24, new Prp(buf, Fixture.RAM + 4096), false)).status(),
                "a PRP list outside RAM");
        assertEquals(Status.PRP_OFFSET_INVALID, d.call(q, Cmd.io(READ, 1, 0, 24, new Prp(buf, buf + 4100), false))
                .status(), "a PRP list pointer must be qword aligned");
        long list = f.alloc.page(4096);
        f.memory.write64(list, buf + 4096);
        f.memory.write64(list + 8, buf + 8192 + 512);
        assertEquals(Status.PRP_OFFSET_INVALID, d.call(q, Cmd.io(READ, 1, 0, 24, new Prp(buf, list), false)).status(),
                "list entries must be page aligned");
        f.memory.write64(list + 8, Fixture.RAM);
        assertEquals(Status.DATA_TRANSFER_ERROR, d.call(q, Cmd.io(READ, 1, 0, 24, new Prp(buf, list), false)).status(),
                "a list entry outside RAM");
        assertEquals(Status.INVALID_OPCODE, d.call(q, Cmd.of(0x05, 1, buf, 0, 0, 0, 0)).status(), "compare");
        assertEquals(Status.INVALID_OPCODE, d.call(q, Cmd.of(0x06, 0, buf, 0, 1, 0, 0)).status(),
                "admin opcodes are not I/O");
        assertTrue(small.log.isEmpty(), "nothing reached the disk");
    }

    @Test
    void writeProtectionAndDiskFailures() {
        MemDisk ro = new MemDisk(512, 64, false, true);
        f.add(5, ro, true);
        long buf = f.pattern(4096, 3);
        Cqe w = d.call(q, Cmd.io(WRITE, 5, 0, 1, new Prp(buf, 0), false));
        assertEquals(Status.NAMESPACE_WRITE_PROTECTED, w.status());
        assertEquals(Status.NAMESPACE_WRITE_PROTECTED, d.call(q, Cmd.of(0x08, 5, 0, 0, 0, 0, 0)).status());
        assertEquals(Status.NAMESPACE_WRITE_PROTECTED, d.call(q, Cmd.of(0x09, 5, buf, 0, 0, 4, 0)).status());
        assertTrue(d.call(q, Cmd.io(READ, 5, 0, 1, new Prp(buf, 0), false)).ok());
        small.failWith = DiskStatus.IO_ERROR;
        Cqe rf = d.call(q, Cmd.io(READ, 1, 0, 1, new Prp(buf, 0), false));
        assertEquals(Status.UNRECOVERED_READ_ERROR, rf.status());
        assertFalse(rf.dnr(), "a media error may be retried");
        assertEquals(Status.WRITE_FAULT, d.call(q, Cmd.io(WRITE, 1, 0, 1, new Prp(buf, 0), false)).status());
        small.failWith = DiskStatus.MEMORY_ERROR;
        assertEquals(Status.DATA_TRANSFER_ERROR, d.call(q, Cmd.io(READ, 1, 0, 1, new Prp(buf, 0), false)).status());
    }

    @Test
    void aFullCompletionQueueHoldsCompletionsBack() {
        DriverQueue tiny = d.createIoQueue(2, 8, 2, 0);
        long buf = f.pattern(4096, 5);
        List<Integer> cids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cids.add(d.put(tiny, Cmd.io(READ, 1, i, 1, new Prp(buf + i * 512L, 0), false), false));
        }
        d.ring(tiny);
        List<Cqe> first = d.poll(tiny);
        assertEquals(1, first.size(), "a 2-entry CQ holds one completion");
        List<Cqe> all = new ArrayList<>(first);
        all.addAll(d.waitFor(tiny, 5));
        assertEquals(cids, all.stream().map(Cqe::cid).toList(), "all six, in order");
        assertTrue(all.stream().allMatch(Cqe::ok));
        assertEquals(6, all.get(5).sqhd(), "the SQ head reported with the last one");
    }

    @Test
    void msixAndIntx() {
        DriverQueue q2 = d.createIoQueue(2, 16, 3);
        long buf = f.pattern(512, 6);
        assertTrue(d.call(q2, Cmd.io(READ, 1, 0, 1, new Prp(buf, 0), false)).ok());
        assertFalse(d.att.intx, "INTx is deasserted once the CQ head passes the entry");
        d.put(q2, Cmd.io(READ, 1, 0, 1, new Prp(buf, 0), false), true);
        assertTrue(d.att.intx, "MSI-X off: INTx while a completion is unconsumed");
        d.write32(0x0C, 1);
        assertFalse(d.att.intx, "masked by INTMS");
        d.write32(0x10, 1);
        assertTrue(d.att.intx);
        d.poll(q2);
        assertFalse(d.att.intx);
        d.enableMsix(17);
        d.att.msis.clear();
        assertTrue(d.call(q2, Cmd.io(READ, 1, 0, 1, new Prp(buf, 0), false)).ok());
        assertEquals(List.of(new org.jvmm.storage.nvme.driver.FakeAttachment.Msi(NvmeDriver.MSI_ADDRESS, 3)),
                d.att.msis, "the queue's vector");
        assertTrue(d.admin(Cmd.getFeature(0x07, 0, 0)).ok());
        assertEquals(0, d.att.msis.get(1).data(), "admin completions on vector 0");
        assertFalse(d.att.intx);
    }
}
