package org.jvmm.devices.virtio.impl.pmem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.EVENT_IDX;
import static org.jvmm.devices.virtio.driver.MmioGuest.NEEDS_RESET;
import static org.jvmm.devices.virtio.driver.MmioGuest.STATUS;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random region accesses (any address near or in the region, any size), request chains (good,
 * short, of unknown types, without room for the answer), config reads and resets, checked against a
 * byte-for-byte model of the region and the file; {@value #DEFAULT_CASES} cases in CI
 * ({@code jvmm.virtio.fuzz.cases} overrides, {@code jvmm.virtio.fuzz.seed} picks the seed).
 */
class PmemFuzzTest {
    static final int DEFAULT_CASES = 20_000;
    static final long START = 0x20_0000_0000L;
    static final int FILE = 6000;

    @TempDir
    Path dir;
    Random r;
    VirtioPmem device;
    MmioBench bench;
    MockVirtqueue vq;
    byte[] model;
    long req;
    long resp;
    final IoValue value = new IoValue();

    @ParameterizedTest(name = "readOnly={0}")
    @ValueSource(booleans = {false, true})
    void randomGuestBehaviourMatchesTheModel(boolean readOnly) throws Exception {
        long cases = Long.getLong("jvmm.virtio.fuzz.cases", DEFAULT_CASES);
        long seed = Long.getLong("jvmm.virtio.fuzz.seed", 0x5EED_9E00L) + (readOnly ? 1 : 0);
        r = new Random(seed);
        Path file = dir.resolve("fuzz.img");
        byte[] initial = new byte[FILE];
        r.nextBytes(initial);
        Files.write(file, initial);
        device = VirtioPmem.open(file, readOnly, START);
        bench = new MmioBench(device);
        model = Arrays.copyOf(initial, (int) device.size());
        req = bench.buffer(64);
        resp = bench.buffer(64);
        init();
        try {
            for (long i = 0; i < cases; i++) {
                try {
                    step();
                } catch (Throwable t) {
                    throw new AssertionError("seed " + seed + " case " + i + ": " + t, t);
                }
            }
            InspectNode node = new InspectNode();
            bench.transport.inspect(node);
            assertEquals(0L, node.at("device_failures").orElseThrow(), node.render());
            flush();
            byte[] now = Files.readAllBytes(file);
            assertArrayEquals(readOnly ? initial : Arrays.copyOf(model, FILE), now, "the file after a flush");
        } finally {
            bench.close();
            device.close();
        }
    }

    private void init() {
        vq = bench.queue(0, 16);
        bench.guest.init(VERSION_1 | (r.nextBoolean() ? EVENT_IDX : 0), vq);
    }

    private void step() {
        int a = r.nextInt(100);
        if (a < 60) {
            access();
        } else if (a < 85) {
            request();
        } else if (a < 97) {
            int size = List.of(1, 2, 4, 8).get(r.nextInt(4));
            int off = size * r.nextInt(16 / size);
            long expect = off < 8 ? START >>> (8 * off) : device.size() >>> (8 * (off - 8));
            long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
            assertEquals(expect & mask, bench.guest.config(off, size), "config " + off + "/" + size);
        } else {
            bench.guest.write(STATUS, 0);
            init();
        }
    }

    private void access() {
        int size = new int[] {1, 2, 4, 8, 1, 2, 4, 8, 0, 3, 16}[r.nextInt(11)];
        long off = switch (r.nextInt(6)) {
            case 0 -> model.length - r.nextInt(16);
            case 1 -> -1 - r.nextInt(16);
            case 2 -> FILE - 8 + r.nextInt(16);
            case 3 -> r.nextLong();
            default -> r.nextInt(16384);
        };
        boolean write = r.nextBoolean();
        long v = r.nextLong();
        IoResult result = write ? device.region().mmioWrite(START + off, size, v)
                : device.region().mmioRead(START + off, size, value);
        boolean sizeOk = size == 1 || size == 2 || size == 4 || size == 8;
        boolean inside = off >= 0 && off <= model.length - size;
        IoResult expected = !sizeOk ? IoResult.INVALID_ACCESS_SIZE : inside ? IoResult.OK : IoResult.INVALID_REGISTER;
        assertEquals(expected, result, (write ? "write " : "read ") + off + "/" + size);
        if (result != IoResult.OK) {
            return;
        }
        if (write) {
            for (int i = 0; i < size; i++) {
                model[(int) off + i] = (byte) (v >>> (8 * i));
            }
        } else {
            long m = 0;
            for (int i = size - 1; i >= 0; i--) {
                m = m << 8 | (model[(int) off + i] & 0xFF);
            }
            assertEquals(m, value.get(), "read " + off + "/" + size);
        }
    }

    private void request() {
        int readable = new int[] {4, 4, 4, 0, 2, 8, 33}[r.nextInt(7)];
        int writable = new int[] {4, 4, 4, 8, 0, 3}[r.nextInt(6)];
        int type = new int[] {0, 0, 0, 1, r.nextInt()}[r.nextInt(5)];
        bench.mem.write32(req, type);
        bench.mem.write32(resp, 0xEEEE_EEEE);
        int head;
        if (readable == 0) {
            head = vq.add(Buf.out(resp, Math.max(writable, 1)));
        } else {
            head = writable == 0 ? vq.add(Buf.in(req, readable)) : vq.add(Buf.in(req, readable), Buf.out(resp, writable));
        }
        bench.guest.notify(0);
        if (writable < 4 && !(readable == 0 && writable == 0)) {
            assertTrue((bench.guest.status() & NEEDS_RESET) != 0, "no room for the answer");
            bench.guest.write(STATUS, 0);
            init();
            return;
        }
        if (readable == 0 && writable == 0) {
            assertTrue((bench.guest.status() & NEEDS_RESET) != 0, "a 1-byte response buffer is too small");
            bench.guest.write(STATUS, 0);
            init();
            return;
        }
        List<Used> used = awaitUsed();
        assertEquals(List.of(new Used(head, 4)), used);
        int expected = type == 0 && readable >= 4 ? VirtioPmem.RET_OK : VirtioPmem.RET_EIO;
        assertEquals(expected, bench.mem.read32(resp), "answer to type " + type + " in " + readable + " bytes");
    }

    private void flush() {
        bench.mem.write32(req, 0);
        vq.add(Buf.in(req, 4), Buf.out(resp, 4));
        bench.guest.notify(0);
        awaitUsed();
        assertEquals(VirtioPmem.RET_OK, bench.mem.read32(resp));
    }

    private List<Used> awaitUsed() {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            List<Used> used = vq.takeUsed();
            if (!used.isEmpty()) {
                return used;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no completion");
    }
}
