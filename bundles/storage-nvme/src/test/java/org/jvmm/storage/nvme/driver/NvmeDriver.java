package org.jvmm.storage.nvme.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.pci.api.PciConfigSpace;
import org.jvmm.storage.nvme.impl.NvmeController;
import org.jvmm.storage.nvme.impl.spec.Command;

/**
 * A mock NVMe host driver: it finds the controller through PCI config space (BARs, command
 * register, MSI-X capability), then drives it only through BAR registers, doorbells and guest
 * memory, the way Linux's nvme driver does.
 */
public final class NvmeDriver {
    public static final long BAR0 = 0xE000_0000L;
    public static final long BAR4 = 0xE100_0000L;
    public static final long MSI_ADDRESS = 0xFEE0_0000L;
    public static final int PAGE = 4096;
    public final NvmeController device;
    public final GuestMemory memory;
    public final FakeAttachment att = new FakeAttachment();
    public final DriverQueue admin;
    private final TestRam.Allocator alloc;
    private int msixCap = -1;

    /** Attaches the function, places its BARs and turns on memory decoding and bus mastering. */
    public NvmeDriver(NvmeController device, GuestMemory memory, TestRam.Allocator alloc, int adminEntries) {
        this.device = device;
        this.memory = memory;
        this.alloc = alloc;
        PciConfigSpace cfg = device.configSpace();
        cfg.pciAttached(att);
        cfg.pciConfigWrite(0x10, (int) BAR0);
        cfg.pciConfigWrite(0x14, (int) (BAR0 >>> 32));
        cfg.pciConfigWrite(0x20, (int) BAR4);
        cfg.pciConfigWrite(0x24, (int) (BAR4 >>> 32));
        cfg.pciConfigWrite(0x04, 0x6);
        long maxPage = 1 << 16;
        admin = new DriverQueue(0, alloc.alloc(adminEntries * 64L, maxPage), adminEntries,
                alloc.alloc(adminEntries * 16L, maxPage), adminEntries);
    }

    /**
     * The same driver going on with {@code restored}, a controller restored from a snapshot of the
     * one {@code from} drove: the same rings and queue positions, a new attachment whose BARs the
     * restore maps.
     */
    public NvmeDriver(NvmeDriver from, NvmeController restored) {
        this.device = restored;
        this.memory = from.memory;
        this.alloc = from.alloc;
        this.admin = from.admin;
        restored.configSpace().pciAttached(att);
    }

    public TestRam.Allocator alloc() {
        return alloc;
    }

    public int configRead(int offset) {
        org.jvmm.chipset.api.IoValue v = new org.jvmm.chipset.api.IoValue();
        device.configSpace().pciConfigRead(offset, v);
        return (int) v.get();
    }

    public long read32(int reg) {
        return att.read(BAR0 + reg, 4);
    }

    public long read64(int reg) {
        return att.read(BAR0 + reg, 8);
    }

    public IoResult write32(int reg, int value) {
        return att.write(BAR0 + reg, 4, value & 0xFFFF_FFFFL);
    }

    public IoResult write64(int reg, long value) {
        return att.write(BAR0 + reg, 8, value);
    }

    /** Programs the admin queues and sets CC.EN with 4 KiB pages and 64/16-byte entries. */
    public void enable() {
        enable(0x0046_0001);
        assertEquals(1, read32(0x1C) & 3, "CSTS.RDY set, CFS clear");
    }

    public void enable(int cc) {
        memory.fill(admin.cq, admin.cqSize * 16L, (byte) 0);
        write32(0x24, (admin.cqSize - 1) << 16 | (admin.sqSize - 1));
        write64(0x28, admin.sq);
        write64(0x30, admin.cq);
        write32(0x14, cc);
    }

    /** Clears CC.EN and forgets the driver's queue state. */
    public void disable() {
        write32(0x14, 0x0046_0000);
        admin.tail = 0;
        admin.head = 0;
        admin.phase = true;
    }

    /** Turns on MSI-X with every vector unmasked, vector {@code v} sending data {@code v}. */
    public void enableMsix(int vectors) {
        for (int v = 0; v < vectors; v++) {
            att.write(BAR4 + v * 16L, 8, MSI_ADDRESS);
            att.write(BAR4 + v * 16L + 8, 4, v);
            att.write(BAR4 + v * 16L + 12, 4, 0);
        }
        device.configSpace().pciConfigWrite(msixCapability(), 1 << 31, 0xF);
    }

    private int msixCapability() {
        if (msixCap < 0) {
            for (int at = configRead(0x34) & 0xFC; at != 0; at = configRead(at) >>> 8 & 0xFC) {
                if ((configRead(at) & 0xFF) == 0x11) {
                    msixCap = at;
                }
            }
        }
        return msixCap;
    }

    /** Writes {@code c} (with a fresh command id) at the tail of {@code q}; rings the doorbell if asked. */
    public int put(DriverQueue q, Command c, boolean ring) {
        int cid = q.cid();
        Command withCid = new Command(c.cdw0() & 0xFFFF | cid << 16, c.nsid(), c.prp1(), c.prp2(), c.cdw10(),
                c.cdw11(), c.cdw12(), c.cdw13(), c.cdw14(), c.cdw15());
        byte[] e = withCid.encode();
        memory.write(q.sq + (long) q.tail * 64, e, 0, e.length);
        q.tail = (q.tail + 1) % q.sqSize;
        if (ring) {
            ring(q);
        }
        return cid;
    }

    public void ring(DriverQueue q) {
        assertEquals(IoResult.OK, write32(0x1000 + q.id * 8, q.tail));
    }

    /** Reads every new completion of {@code q}; writes the head doorbell if there were any. */
    public List<Cqe> poll(DriverQueue q) {
        List<Cqe> out = new ArrayList<>();
        while (true) {
            long at = q.cq + (long) q.head * 16;
            int dw3 = memory.read32(at + 12);
            if (((dw3 >>> 16 & 1) == 1) != q.phase) {
                break;
            }
            int field = dw3 >>> 17;
            int sq = memory.read32(at + 8);
            out.add(new Cqe(memory.read32(at), sq & 0xFFFF, sq >>> 16, dw3 & 0xFFFF, field & 0x7FF,
                    (field & 1 << 14) != 0));
            q.head = (q.head + 1) % q.cqSize;
            if (q.head == 0) {
                q.phase = !q.phase;
            }
        }
        if (!out.isEmpty()) {
            write32(0x1000 + q.id * 8 + 4, q.head);
        }
        return out;
    }

    /** Submits {@code c} and waits (up to 5 s) for its completion, which must be the only one. */
    public Cqe call(DriverQueue q, Command c) {
        int cid = put(q, c, true);
        List<Cqe> got = waitFor(q, 1);
        assertEquals(1, got.size(), "one completion: " + got);
        assertEquals(cid, got.get(0).cid());
        assertEquals(q.id, got.get(0).sqid());
        return got.get(0);
    }

    /** Polls until {@code n} completions arrived or 5 s passed. */
    public List<Cqe> waitFor(DriverQueue q, int n) {
        List<Cqe> got = new ArrayList<>(poll(q));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got.size() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            got.addAll(poll(q));
        }
        return got;
    }

    public Cqe admin(Command c) {
        return call(admin, c);
    }

    /** Creates I/O completion queue then submission queue {@code qid}; both must succeed. */
    public DriverQueue createIoQueue(int qid, int entries, int vector) {
        return createIoQueue(qid, entries, entries, vector);
    }

    /** The same with different sizes of the two rings. */
    public DriverQueue createIoQueue(int qid, int sqEntries, int cqEntries, int vector) {
        DriverQueue q = new DriverQueue(qid, alloc.alloc(sqEntries * 64L, 8192), sqEntries,
                alloc.alloc(cqEntries * 16L, 8192), cqEntries);
        Cqe cq = admin(Cmd.createCq(qid, q.cq, cqEntries, vector, true));
        assertTrue(cq.ok(), "create cq " + cq);
        Cqe sq = admin(Cmd.createSq(qid, q.sq, sqEntries, qid));
        assertTrue(sq.ok(), "create sq " + sq);
        return q;
    }

    /** Identify data for {@code cns} / {@code nsid}, or null when the command failed. */
    public byte[] identify(int cns, int nsid) {
        long buf = alloc.page(PAGE);
        Cqe c = admin(Cmd.identify(cns, nsid, buf));
        if (!c.ok()) {
            return null;
        }
        byte[] data = new byte[PAGE];
        memory.read(buf, data, 0, PAGE);
        return data;
    }
}
