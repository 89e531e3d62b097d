package org.jvmm.storage.nvme.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.storage.nvme.driver.Cmd;
import org.jvmm.storage.nvme.driver.Cqe;
import org.jvmm.storage.nvme.driver.DriverQueue;
import org.jvmm.storage.nvme.driver.Fixture;
import org.jvmm.storage.nvme.driver.MemDisk;
import org.jvmm.storage.nvme.driver.NvmeDriver;
import org.jvmm.storage.nvme.impl.spec.Command;
import org.jvmm.storage.nvme.impl.spec.Status;
import org.jvmm.storage.nvme.resources.NvmeControllerHandle;

/**
 * Drives one controller with random commands in batches on the admin queue and two I/O queues
 * (one whose completion queue is smaller than its submission queue), between random register and
 * doorbell writes; for odd seeds the disks complete on other threads. After every batch each command must have exactly one completion with a status
 * the specification defines; at the end no internal error may have been logged, the controller
 * must not be in fatal state and must still work, and no byte outside guest RAM may have changed.
 */
final class NvmeFuzzer implements AutoCloseable {
    private final SplittableRandom rnd;
    private final GuestMemory memory = FuzzLayout.memory();
    private final Fixture f;
    private final NvmeDriver d;
    private final CommandGenerator gen;
    private final DriverQueue[] io;
    private final Map<String, Integer> statuses = new TreeMap<>();
    private long commands;
    /** Disk completions on other threads, for odd seeds. */
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "nvme-fuzz-disk");
        t.setDaemon(true);
        return t;
    });

    NvmeFuzzer(long seed) {
        rnd = new SplittableRandom(seed);
        f = new Fixture(memory, new NvmeControllerHandle(null, null, null, 4, 0, List.of()), FuzzLayout.RINGS,
                FuzzLayout.DATA_LOW);
        MemDisk first = new MemDisk(512, 8192, false, true);
        MemDisk second = new MemDisk(4096, 512, false, false);
        if ((seed & 1) == 1) {
            first.executor = pool;
            second.executor = pool;
        }
        f.add(1, first, false);
        f.add(2, second, rnd.nextBoolean());
        d = f.driver;
        d.enable();
        if (rnd.nextBoolean()) {
            d.enableMsix(5);
        }
        io = new DriverQueue[] {d.createIoQueue(1, 64, 1), d.createIoQueue(2, 16, 4, 2)};
        gen = new CommandGenerator(rnd, memory, new FuzzLayout());
    }

    /** Runs until {@code total} commands have completed. */
    void run(long total) {
        while (commands < total) {
            int which = rnd.nextInt(10);
            DriverQueue q = which == 0 ? d.admin : io[which & 1];
            batch(q, 1 + rnd.nextInt(q.sqSize - 1));
            if (rnd.nextInt(8) == 0) {
                registers();
            }
        }
        check();
    }

    long commands() {
        return commands;
    }

    /** How often each status was seen, by admin or I/O queue. */
    Map<String, Integer> statuses() {
        return statuses;
    }

    private void batch(DriverQueue q, int n) {
        List<Integer> cids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Command c = q.id == 0 ? gen.admin() : gen.io();
            cids.add(d.put(q, c, rnd.nextInt(4) == 0));
        }
        d.ring(q);
        List<Cqe> got = d.waitFor(q, n);
        got.addAll(d.poll(q));
        assertEquals(cids, got.stream().map(Cqe::cid).sorted((a, b) -> cids.indexOf(a) - cids.indexOf(b)).toList(),
                "one completion per command on queue " + q.id + ": " + got);
        for (Cqe c : got) {
            statuses.merge((q.id == 0 ? "admin " : "io ") + Status.name(c.status()), 1, Integer::sum);
            assertFalse(Status.name(c.status()).startsWith("status "), "an undefined status: " + c);
            assertEquals(q.id, c.sqid());
        }
        commands += n;
    }

    /** Writes to the interrupt mask, reserved registers and doorbells of queues the driver does not use. */
    private void registers() {
        for (int i = rnd.nextInt(6); i > 0; i--) {
            switch (rnd.nextInt(4)) {
                case 0 -> d.write32(rnd.nextBoolean() ? 0x0C : 0x10, rnd.nextInt());
                case 1 -> assertTrue(d.att.write(NvmeDriver.BAR0 + 0x38 + rnd.nextInt(0xFC8), 1 << rnd.nextInt(4),
                        rnd.nextLong()) != null);
                case 2 -> d.att.read(NvmeDriver.BAR0 + rnd.nextInt(0x4000 - 8), 1 << rnd.nextInt(4));
                default -> {
                    int index = 6 + rnd.nextInt(3000);
                    assertEquals(IoResult.OK, d.write32(0x1000 + index * 4, rnd.nextInt(rnd.nextBoolean() ? 64 : 1 << 30)));
                }
            }
        }
        d.write32(0x0C, 0);
        d.write32(0x10, -1);
    }

    private void check() {
        assertEquals(0, f.device.internalErrors(), "internal errors");
        assertEquals(0, d.read32(0x1C) & 2, "no controller fatal status");
        byte[] canary = FuzzLayout.canary(memory).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        for (int i = 0; i < canary.length; i++) {
            if (canary[i] != FuzzLayout.CANARY_BYTE) {
                throw new AssertionError(String.format("RAM segment byte 0x%x outside guest RAM changed", i));
            }
        }
        long buf = FuzzLayout.HIGH_START;
        assertTrue(d.call(d.admin, Cmd.identify(1, 0, buf)).ok(), "identify still works");
        assertEquals(0x1414, memory.read16(buf));
        assertTrue(d.call(io[0], Cmd.io(0x02, 1, 0, 8, new Cmd.Prp(buf, 0), false)).ok(), "I/O still works");
    }

    @Override
    public void close() {
        pool.shutdownNow();
        f.close();
    }
}
