package org.jvmm.devices.virtio.impl.blk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.DEVICE_ID;
import static org.jvmm.devices.virtio.driver.MmioGuest.INDIRECT_DESC;
import static org.jvmm.devices.virtio.driver.MmioGuest.NEEDS_RESET;
import static org.jvmm.devices.virtio.driver.MmioGuest.STATUS;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.driver.FakeResolveContext;
import org.jvmm.devices.virtio.driver.MemDisk;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.driver.TestDiskHandle;
import org.jvmm.devices.virtio.resources.VirtioBlkHandle;
import org.jvmm.vmm.resource.ResolveException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtioBlkTest {
    static final int IN = 0;
    static final int OUT = 1;
    static final int FLUSH = 4;
    static final int GET_ID = 8;
    static final int DISCARD = 11;
    static final int WRITE_ZEROES = 13;
    static final long F_SEG_MAX = 1L << 2;
    static final long F_RO = 1L << 5;
    static final long F_BLK_SIZE = 1L << 6;
    static final long F_FLUSH = 1L << 9;
    static final long F_DISCARD = 1L << 13;
    static final long F_WRITE_ZEROES = 1L << 14;
    static final long ALL = VERSION_1 | INDIRECT_DESC | F_SEG_MAX | F_BLK_SIZE | F_FLUSH | F_DISCARD | F_WRITE_ZEROES;

    MemDisk disk = new MemDisk(512, 2048, false, true, "jvmm-disk-1".getBytes(StandardCharsets.US_ASCII), null);
    MmioBench bench = open(disk, false);
    MockVirtqueue vq = bench.queue(0, 256);

    record Result(int status, int used) {
    }

    static MmioBench open(MemDisk d, boolean readOnly) {
        return new MmioBench(new VirtioBlk(d, readOnly));
    }

    @AfterEach
    void close() {
        bench.close();
    }

    long header(int type, long sector) {
        byte[] h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(type).putInt(0).putLong(sector).array();
        return bench.buffer(16, h);
    }

    /** A request: header, {@code data}, a one-byte status buffer; returns status and used length. */
    Result request(int type, long sector, Buf... data) {
        long status = bench.buffer(1, (byte) 0xEE);
        List<Buf> bufs = new ArrayList<>();
        bufs.add(Buf.in(header(type, sector), 16));
        bufs.addAll(List.of(data));
        bufs.add(Buf.out(status, 1));
        int head = vq.add(bufs.toArray(Buf[]::new));
        bench.guest.notify(0);
        List<Used> used = vq.takeUsed();
        assertEquals(1, used.size(), "one completion");
        assertEquals(head, used.getFirst().id());
        return new Result(bench.mem.read8(status) & 0xFF, used.getFirst().len());
    }

    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    long segment(long sector, int count, int flags) {
        byte[] s = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(sector).putInt(count).putInt(flags).array();
        return bench.buffer(16, s);
    }

    @Test
    void configSpaceDescribesTheDisk() {
        assertEquals(2, bench.guest.read(DEVICE_ID));
        long offered = bench.guest.deviceFeatures();
        assertEquals(F_SEG_MAX | F_BLK_SIZE | F_FLUSH | F_DISCARD | F_WRITE_ZEROES, offered & 0xFF_FFFF);
        assertEquals(2048, bench.guest.config(0, 8), "capacity in 512-byte sectors");
        assertEquals(254, bench.guest.config(12, 4), "seg_max");
        assertEquals(512, bench.guest.config(20, 4), "blk_size");
        assertEquals(1, bench.guest.config(34, 2), "num_queues");
        assertEquals(1, bench.guest.config(40, 4), "max_discard_seg");
        assertEquals(1, bench.guest.config(52, 4), "max_write_zeroes_seg");
    }

    @Test
    void writeThenReadBack() {
        bench.guest.init(ALL, vq);
        byte[] data = pattern(1024, 3);
        long out = bench.buffer(1024, data);
        assertEquals(new Result(0, 1), request(OUT, 2, Buf.in(out, 1024)));
        assertArrayEquals(data, Arrays.copyOfRange(disk.data(), 1024, 2048));
        long a = bench.buffer(512);
        long b = bench.buffer(512);
        assertEquals(new Result(0, 1025), request(IN, 2, Buf.out(a, 512), Buf.out(b, 512)));
        assertArrayEquals(Arrays.copyOf(data, 512), bench.read(a, 512));
        assertArrayEquals(Arrays.copyOfRange(data, 512, 1024), bench.read(b, 512));
        assertEquals(1, bench.guest.handleInterrupt());
    }

    @Test
    void statusByteMaySitInTheLastDataDescriptorAndIndirectChainsWork() {
        bench.guest.init(ALL, vq);
        System.arraycopy(pattern(512, 9), 0, disk.data(), 0, 512);
        long buf = bench.buffer(513);
        long table = bench.buffer(64);
        int head = vq.addIndirect(table, Buf.in(header(IN, 0), 16), Buf.out(buf, 513));
        bench.guest.notify(0);
        assertEquals(List.of(new Used(head, 513)), vq.takeUsed());
        assertArrayEquals(pattern(512, 9), bench.read(buf, 512));
        assertEquals(0, bench.mem.read8(buf + 512), "status OK in the last byte");
    }

    @Test
    void flushReachesTheDisk() {
        bench.guest.init(ALL, vq);
        assertEquals(new Result(0, 1), request(FLUSH, 0));
        assertTrue(disk.ops().contains("flush"));
    }

    @Test
    void getIdWritesTheDiskIdPaddedWithZeros() {
        bench.guest.init(ALL, vq);
        long id = bench.buffer(20, pattern(20, 1));
        assertEquals(new Result(0, 21), request(GET_ID, 0, Buf.out(id, 20)));
        byte[] expected = Arrays.copyOf("jvmm-disk-1".getBytes(StandardCharsets.US_ASCII), 20);
        assertArrayEquals(expected, bench.read(id, 20));
    }

    @Test
    void discardUnmapsAndRefusesTheUnmapFlag() {
        bench.guest.init(ALL, vq);
        Arrays.fill(disk.data(), (byte) 1);
        assertEquals(new Result(0, 1), request(DISCARD, 0, Buf.in(segment(4, 8, 0), 16)));
        assertEquals(0, disk.data()[4 * 512]);
        assertEquals(0, disk.data()[12 * 512 - 1]);
        assertEquals(1, disk.data()[12 * 512]);
        assertEquals(2, request(DISCARD, 0, Buf.in(segment(4, 8, 1), 16)).status(), "UNSUPP with unmap flag");
        assertEquals(1, request(DISCARD, 0, Buf.in(segment(2040, 16, 0), 16)).status(), "IOERR past the end");
    }

    @Test
    void writeZeroesZeroesTheRange() {
        bench.guest.init(ALL, vq);
        Arrays.fill(disk.data(), (byte) 1);
        assertEquals(new Result(0, 1), request(WRITE_ZEROES, 0, Buf.in(segment(1, 2047, 1), 16)));
        assertEquals(1, disk.data()[511]);
        assertEquals(0, disk.data()[512]);
        assertEquals(0, disk.data()[disk.data().length - 1]);
    }

    @Test
    void discardAndWriteZeroesNeedTheirFeature() {
        bench.guest.init(VERSION_1, vq);
        assertEquals(2, request(DISCARD, 0, Buf.in(segment(0, 1, 0), 16)).status());
        assertEquals(2, request(WRITE_ZEROES, 0, Buf.in(segment(0, 1, 0), 16)).status());
    }

    @Test
    void readOnlyOffersRoAndFailsWrites() {
        try (MmioBench ro = open(disk, true)) {
            bench = ro;
            vq = ro.queue(0, 16);
            long offered = ro.guest.deviceFeatures();
            assertEquals(F_RO, offered & F_RO);
            assertEquals(0, offered & (F_DISCARD | F_WRITE_ZEROES));
            ro.guest.init(ALL | F_RO, vq);
            long out = ro.buffer(512, pattern(512, 5));
            assertEquals(new Result(1, 1), request(OUT, 0, Buf.in(out, 512)));
            assertEquals(0, disk.data()[0], "nothing written");
            assertEquals(0, request(IN, 0, Buf.out(ro.buffer(512), 512)).status(), "reads still work");
        }
    }

    @Test
    void aReadOnlyDiskMakesAReadOnlyDevice() {
        MemDisk rodisk = new MemDisk(512, 8, true, true, null, null);
        assertTrue((new VirtioBlk(rodisk, false).deviceFeatures() & F_RO) != 0);
    }

    @Test
    void outOfRangeAndMisalignedTransfersFailWithIoErr() {
        bench.guest.init(ALL, vq);
        assertEquals(new Result(1, 1), request(IN, 2047, Buf.out(bench.buffer(1024), 1024)));
        assertEquals(new Result(1, 1), request(IN, -1, Buf.out(bench.buffer(512), 512)));
        assertEquals(new Result(1, 1), request(IN, 0, Buf.out(bench.buffer(100), 100)));
        assertEquals(new Result(1, 1), request(OUT, 2048, Buf.in(bench.buffer(512), 512)));
        assertEquals(new Result(0, 1), request(IN, 2048), "an empty read at the end is fine");
    }

    @Test
    void fourKiBSectorsNeedAlignedTransfers() {
        MemDisk big = new MemDisk(4096, 16, false, false, null, null);
        try (MmioBench b = open(big, false)) {
            bench = b;
            vq = b.queue(0, 16);
            assertEquals(4096, b.guest.config(20, 4));
            assertEquals(128, b.guest.config(0, 8));
            assertEquals(0, b.guest.deviceFeatures() & F_DISCARD, "no unmap: no discard");
            b.guest.init(ALL, vq);
            assertEquals(1, request(IN, 1, Buf.out(b.buffer(4096), 4096)).status(), "offset not a 4 KiB multiple");
            assertEquals(1, request(IN, 8, Buf.out(b.buffer(512), 512)).status(), "length not a 4 KiB multiple");
            System.arraycopy(pattern(4096, 2), 0, big.data(), 4096, 4096);
            long buf = b.buffer(4096);
            assertEquals(new Result(0, 4097), request(IN, 8, Buf.out(buf, 4096)));
            assertArrayEquals(pattern(4096, 2), b.read(buf, 4096));
        }
    }

    @Test
    void unknownRequestTypesAreUnsupported() {
        bench.guest.init(ALL, vq);
        assertEquals(new Result(2, 1), request(99, 0));
    }

    @Test
    void aRequestWithoutHeaderOrStatusNeedsAReset() {
        bench.guest.init(ALL, vq);
        vq.add(Buf.in(header(IN, 0), 16));
        bench.guest.notify(0);
        assertEquals(NEEDS_RESET, bench.guest.status() & NEEDS_RESET);
        assertTrue(vq.takeUsed().isEmpty());
    }

    @Test
    void asyncCompletionsArriveLaterAndResetWaitsForThem() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            MemDisk slow = new MemDisk(512, 64, false, false, null, pool);
            try (MmioBench b = open(slow, false)) {
                bench = b;
                vq = b.queue(0, 16);
                b.guest.init(ALL, vq);

                CountDownLatch gate = blockThread(pool);
                long status = b.buffer(1, (byte) 0xEE);
                vq.add(Buf.in(header(IN, 0), 16), Buf.out(b.buffer(512), 512), Buf.out(status, 1));
                b.guest.notify(0);
                assertTrue(vq.takeUsed().isEmpty(), "the disk has not answered yet");
                gate.countDown();
                pool.submit(() -> { }).get(5, TimeUnit.SECONDS);
                assertEquals(513, vq.takeUsed().getFirst().len());
                assertEquals(0, b.mem.read8(status));
                assertTrue(b.line.level());

                gate = blockThread(pool);
                long status2 = b.buffer(1, (byte) 0xEE);
                vq.add(Buf.in(header(IN, 0), 16), Buf.out(b.buffer(512), 512), Buf.out(status2, 1));
                b.guest.notify(0);
                CountDownLatch release = gate;
                Thread.ofVirtual().start(() -> {
                    sleep(100);
                    release.countDown();
                });
                b.guest.write(STATUS, 0);
                assertEquals(2, slow.completed(), "reset returned only after the request in flight finished");
                assertEquals(1, vq.usedIdx(), "a request that ends during the reset publishes nothing");
                assertEquals((byte) 0xEE, b.mem.read8(status2));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyRequestsCompletingOnSeveralThreadsAllArriveIntact() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            MemDisk threaded = new MemDisk(512, 256, false, false, null, pool);
            for (int s = 0; s < 256; s++) {
                System.arraycopy(pattern(512, s), 0, threaded.data(), s * 512, 512);
            }
            try (MmioBench b = open(threaded, false)) {
                bench = b;
                vq = b.queue(0, 256);
                b.guest.init(ALL, vq);
                java.util.Map<Integer, long[]> byHead = new java.util.HashMap<>();
                int received = 0;
                for (int round = 0; round < 8; round++) {
                    for (int i = 0; i < 32; i++) {
                        int sector = (round * 32 + i * 7) % 256;
                        long data = b.buffer(512);
                        long status = b.buffer(1, (byte) 0xEE);
                        int head = vq.add(Buf.in(header(IN, sector), 16), Buf.out(data, 512), Buf.out(status, 1));
                        byHead.put(head, new long[] {sector, data, status});
                        if (i % 8 == 7) {
                            b.guest.notify(0);
                        }
                    }
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    int want = (round + 1) * 32;
                    while (received < want && System.nanoTime() < deadline) {
                        for (Used u : vq.takeUsed()) {
                            long[] req = byHead.remove(u.id());
                            assertEquals(513, u.len());
                            assertEquals(0, b.mem.read8(req[2]));
                            assertArrayEquals(pattern(512, (int) req[0]), b.read(req[1], 512));
                            received++;
                        }
                        b.guest.handleInterrupt();
                    }
                    assertEquals(want, received, "round " + round);
                }
                assertEquals(0, b.guest.status() & NEEDS_RESET);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static CountDownLatch blockThread(ExecutorService pool) {
        CountDownLatch gate = new CountDownLatch(1);
        pool.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return gate;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void resolverResolvesTheDiskAndClosesItWithTheDevice() throws Exception {
        TestDiskHandle dh = new TestDiskHandle("d");
        FakeResolveContext ctx = new FakeResolveContext().answer(dh, disk);
        VirtioDevice device = new VirtioBlkResolver().resolve(new VirtioBlkHandle(dh, true), ctx);
        assertEquals("virtio[0].disk", ctx.askedAt(dh));
        assertTrue((device.deviceFeatures() & F_RO) != 0, "the handle's readOnly applies");
        device.close();
        assertTrue(disk.isClosed());
    }

    @Test
    void resolverRefusesAnOddSectorSizeAndClosesTheDisk() {
        MemDisk odd = new MemDisk(520, 4, false, false, null, null);
        TestDiskHandle dh = new TestDiskHandle("odd");
        ResolveException e = assertThrows(ResolveException.class,
                () -> new VirtioBlkResolver().resolve(new VirtioBlkHandle(dh, false), new FakeResolveContext().answer(dh, odd)));
        assertTrue(e.getMessage().contains("virtio:virtio-blk at virtio[0] failed: disk sector size 520"), e.getMessage());
        assertTrue(odd.isClosed());
    }
}
