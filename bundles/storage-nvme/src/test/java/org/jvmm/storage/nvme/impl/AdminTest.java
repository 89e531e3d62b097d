package org.jvmm.storage.nvme.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jvmm.storage.nvme.driver.Cmd;
import org.jvmm.storage.nvme.driver.Cqe;
import org.jvmm.storage.nvme.driver.Fixture;
import org.jvmm.storage.nvme.driver.MemDisk;
import org.jvmm.storage.nvme.driver.NvmeDriver;
import org.jvmm.storage.nvme.impl.spec.Command;
import org.jvmm.storage.nvme.impl.spec.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminTest {
    private final Fixture f = Fixture.enabled(new MemDisk(512, 1024, false, true));
    private final NvmeDriver d = f.driver;

    @AfterEach
    void close() {
        f.close();
    }

    private int status(Command c) {
        return d.admin(c).status();
    }

    @Test
    void numberOfQueues() {
        Cqe get = d.admin(Cmd.getFeature(0x07, 0, 0));
        assertEquals(15 | 15 << 16, get.dw0(), "16 pairs by default");
        Cqe set = d.admin(Cmd.setFeature(0x07, 3 | 5 << 16));
        assertTrue(set.ok());
        assertEquals(3 | 3 << 16, set.dw0(), "the smaller of the two, 4 pairs");
        assertEquals(Status.INVALID_FIELD, status(Cmd.setFeature(0x07, 0xFFFF)));
        assertEquals(Status.INVALID_QUEUE_ID, status(Cmd.createCq(5, f.alloc.page(4096), 16, 0, true)),
                "beyond the 4 allocated");
        d.createIoQueue(4, 16, 0);
        assertEquals(Status.COMMAND_SEQUENCE_ERROR, status(Cmd.setFeature(0x07, 7 | 7 << 16)),
                "not after I/O queues exist");
    }

    @Test
    void otherFeatures() {
        assertEquals(1, d.admin(Cmd.getFeature(0x06, 0, 0)).dw0(), "write cache on");
        assertTrue(d.admin(Cmd.setFeature(0x06, 0)).ok());
        assertEquals(0, d.admin(Cmd.getFeature(0x06, 0, 0)).dw0());
        assertEquals(1, d.admin(Cmd.getFeature(0x06, 1, 0)).dw0(), "default");
        assertEquals(1 << 2, d.admin(Cmd.getFeature(0x06, 3, 0)).dw0(), "changeable, not saveable");
        assertEquals(0x0157, d.admin(Cmd.getFeature(0x04, 0, 0)).dw0(), "over-temperature threshold");
        assertTrue(d.admin(Cmd.setFeature(0x04, 1 << 20 | 0x0100)).ok());
        assertEquals(1 << 20 | 0x0100, d.admin(Cmd.getFeature(0x04, 0, 1 << 20)).dw0(), "under threshold");
        assertEquals(Status.INVALID_FIELD, status(Cmd.getFeature(0x04, 0, 1 << 16)), "sensor 1 absent");
        assertTrue(d.admin(Cmd.setFeature(0x08, 0x0A05)).ok());
        assertEquals(0x0A05, d.admin(Cmd.getFeature(0x08, 0, 0)).dw0(), "interrupt coalescing");
        assertTrue(d.admin(Cmd.setFeature(0x09, 1 << 16 | 3)).ok());
        assertEquals(1 << 16 | 3, d.admin(Cmd.getFeature(0x09, 0, 3)).dw0());
        assertEquals(Status.INVALID_FIELD, status(Cmd.setFeature(0x09, 17)), "17 vectors: 0..16");
        assertTrue(d.admin(Cmd.setFeature(0x0B, 0xFFFF_FFFF)).ok());
        assertEquals(0x1FF, d.admin(Cmd.getFeature(0x0B, 0, 0)).dw0(), "only supported events stick");
        assertTrue(d.admin(Cmd.setFeature(0x01, 0x0302_0103)).ok());
        assertEquals(0x0302_0103, d.admin(Cmd.getFeature(0x01, 0, 0)).dw0(), "arbitration");
        assertEquals(Status.INVALID_FIELD, status(Cmd.setFeature(0x02, 1)), "one power state");
        assertEquals(Status.INVALID_FIELD, status(Cmd.setFeature(0x05, 1 << 16)), "no DULBE");
        assertEquals(Status.INVALID_FIELD, status(Cmd.getFeature(0x03, 0, 0)), "no LBA range type");
        assertEquals(Status.INVALID_FIELD, status(Cmd.getFeature(0x80, 0, 0)));
        assertEquals(Status.INVALID_FIELD, status(Cmd.getFeature(0x06, 5, 0)), "reserved select");
        assertEquals(Status.FEATURE_NOT_SAVEABLE, status(Cmd.setFeature(0x06 | 1 << 31, 1)));
    }

    @Test
    void queueCreationIsChecked() {
        long ring = f.alloc.page(64 * 1024);
        assertEquals(Status.INVALID_QUEUE_ID, status(Cmd.createCq(0, ring, 16, 0, true)));
        assertEquals(Status.INVALID_QUEUE_SIZE, status(Cmd.createCq(1, ring, 1, 0, true)));
        assertEquals(Status.INVALID_QUEUE_SIZE, status(Cmd.createCq(1, ring, 1025, 0, true)));
        assertEquals(Status.INVALID_FIELD, status(Cmd.of(0x05, 0, ring, 0, 15 << 16 | 1, 2, 0)), "not contiguous");
        assertEquals(Status.PRP_OFFSET_INVALID, status(Cmd.createCq(1, ring + 512, 16, 0, true)));
        assertEquals(Status.INVALID_FIELD, status(Cmd.createCq(1, Fixture.RAM - 4096, 1024, 0, true)),
                "not all RAM");
        assertEquals(Status.INVALID_INTERRUPT_VECTOR, status(Cmd.createCq(1, ring, 16, 17, true)));
        assertTrue(d.admin(Cmd.createCq(1, ring, 16, 16, true)).ok());
        assertEquals(Status.INVALID_QUEUE_ID, status(Cmd.createCq(1, ring, 16, 0, true)), "exists");
        assertEquals(Status.COMPLETION_QUEUE_INVALID, status(Cmd.createSq(1, ring + 8192, 16, 2)));
        assertEquals(Status.COMPLETION_QUEUE_INVALID, status(Cmd.createSq(1, ring + 8192, 16, 0)),
                "not the admin CQ");
        assertEquals(Status.INVALID_QUEUE_ID, status(Cmd.createSq(17, ring + 8192, 16, 1)));
        assertEquals(Status.INVALID_QUEUE_SIZE, status(Cmd.createSq(1, ring + 8192, 2000, 1)));
        assertTrue(d.admin(Cmd.createSq(1, ring + 8192, 16, 1)).ok());
        assertTrue(d.admin(Cmd.createSq(2, ring + 16384, 16, 1)).ok(), "two SQs may share a CQ");
    }

    @Test
    void queueDeletionIsChecked() {
        d.createIoQueue(1, 16, 1);
        assertEquals(Status.INVALID_QUEUE_DELETION, status(Cmd.deleteCq(1)), "its SQ still uses it");
        assertEquals(Status.INVALID_QUEUE_ID, status(Cmd.deleteSq(0)));
        assertEquals(Status.INVALID_QUEUE_ID, status(Cmd.deleteCq(0)));
        assertEquals(Status.INVALID_QUEUE_ID, status(Cmd.deleteSq(2)));
        assertTrue(d.admin(Cmd.deleteSq(1)).ok());
        assertEquals(Status.INVALID_QUEUE_ID, status(Cmd.deleteSq(1)));
        assertTrue(d.admin(Cmd.deleteCq(1)).ok());
        assertEquals(Status.INVALID_QUEUE_ID, status(Cmd.deleteCq(1)));
        d.createIoQueue(1, 16, 1);
    }

    @Test
    void malformedCommands() {
        Cqe unknown = d.admin(Cmd.of(0x7F, 0, 0, 0, 0, 0, 0));
        assertEquals(Status.INVALID_OPCODE, unknown.status());
        assertTrue(unknown.dnr(), "do not retry");
        assertEquals(Status.INVALID_FIELD, status(Cmd.of(0x06 | 1 << 8, 0, 0, 0, 1, 0, 0)), "fused");
        assertEquals(Status.INVALID_FIELD, status(Cmd.of(0x06 | 1 << 14, 0, 0, 0, 1, 0, 0)), "SGL");
        Cqe abort = d.admin(Cmd.of(0x08, 0, 0, 0, 1 | 5 << 16, 0, 0));
        assertTrue(abort.ok());
        assertEquals(1, abort.dw0() & 1, "the command was not aborted");
    }

    @Test
    void logPages() {
        long buf = f.alloc.page(4096);
        assertTrue(d.admin(Cmd.getLogPage(0x02, 512, buf, false)).ok());
        assertEquals(323, f.memory.read16(buf + 1), "composite temperature in kelvin");
        assertEquals(100, f.memory.read8(buf + 3));
        assertEquals(Status.INVALID_OPCODE, status(Cmd.of(0x7E, 0, 0, 0, 0, 0, 0)));
        assertTrue(d.admin(Cmd.getLogPage(0x01, 64, buf, false)).ok());
        assertEquals(1, f.memory.read64(buf), "error count");
        assertEquals(0, f.memory.read16(buf + 8), "admin queue");
        assertEquals(Status.INVALID_OPCODE, f.memory.read16(buf + 12) >>> 1 & 0x7FF);
        assertEquals(0xFFFF, f.memory.read16(buf + 14) & 0xFFFF);
        assertTrue(d.admin(Cmd.getLogPage(0x02, 512, buf, false)).ok());
        assertEquals(1, f.memory.read64(buf + 176), "error entries counted in SMART");
        assertTrue(d.admin(Cmd.getLogPage(0x03, 512, buf, false)).ok());
        assertEquals(1, f.memory.read8(buf), "active firmware slot 1");
        assertEquals(Status.INVALID_LOG_PAGE, status(Cmd.getLogPage(0x70, 512, buf, false)));
        Command offset = Cmd.of(0x02, -1, buf, 0, 127 << 16 | 0x02, 0, 6);
        assertEquals(Status.INVALID_FIELD, status(offset), "offset not dword aligned");
        Command past = Cmd.of(0x02, -1, buf, 0, 127 << 16 | 0x02, 0, 516);
        assertEquals(Status.INVALID_FIELD, status(past), "offset past the page");
        Command huge = Cmd.of(0x02, -1, buf, 0, 0xFFFF << 16 | 0x02, 0xFFFF, 0);
        assertEquals(Status.INVALID_FIELD, status(huge), "more than MDTS");
        f.memory.fill(buf, 4096, (byte) 0x55);
        Command tail = Cmd.of(0x02, -1, buf, 0, 255 << 16 | 0x02, 0, 256);
        assertTrue(d.admin(tail).ok());
        assertEquals(0, f.memory.read64(buf + 1000), "past the page's end reads as zero");
    }

    @Test
    void asyncEventRequestsAreLimited() {
        for (int i = 0; i < 4; i++) {
            d.put(d.admin, Cmd.asyncEventRequest(), true);
        }
        assertTrue(d.poll(d.admin).isEmpty(), "AERL + 1 = 4 requests wait for events");
        Cqe fifth = d.admin(Cmd.asyncEventRequest());
        assertEquals(Status.AER_LIMIT_EXCEEDED, fifth.status());
    }

    @Test
    void invalidDoorbellWritesRaiseErrorEvents() {
        int aer = d.put(d.admin, Cmd.asyncEventRequest(), true);
        d.write32(0x1000 + 5 * 8, 1);
        List<Cqe> got = d.poll(d.admin);
        assertEquals(1, got.size());
        assertEquals(aer, got.get(0).cid());
        assertEquals(0x01_00_00, got.get(0).dw0(), "error event, invalid doorbell register, log page 01h");
        d.put(d.admin, Cmd.asyncEventRequest(), true);
        d.write32(0x1000, 99);
        assertTrue(d.poll(d.admin).isEmpty(), "error events are masked until the log is read");
        long buf = f.alloc.page(4096);
        int log = d.put(d.admin, Cmd.getLogPage(0x01, 64, buf, false), true);
        List<Cqe> both = d.waitFor(d.admin, 2);
        assertEquals(2, both.size(), "reading the log releases the next event: " + both);
        assertEquals(0x01_01_00, both.get(0).dw0(), "invalid doorbell write value");
        assertEquals(log, both.get(1).cid());
        assertTrue(both.get(1).ok());
        assertEquals(0, f.device.internalErrors());
    }
}
