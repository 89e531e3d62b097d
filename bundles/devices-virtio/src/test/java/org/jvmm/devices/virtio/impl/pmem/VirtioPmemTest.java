package org.jvmm.devices.virtio.impl.pmem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.CONFIG;
import static org.jvmm.devices.virtio.driver.MmioGuest.DEVICE_ID;
import static org.jvmm.devices.virtio.driver.MmioGuest.EVENT_IDX;
import static org.jvmm.devices.virtio.driver.MmioGuest.INDIRECT_DESC;
import static org.jvmm.devices.virtio.driver.MmioGuest.NEEDS_RESET;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtioPmemTest {
    static final long START = 0x10_0000_0000L;
    static final long MIB2 = 2L << 20;

    @TempDir
    Path dir;
    VirtioPmem device;
    MmioBench bench;
    MockVirtqueue vq;

    void open(int fileBytes, boolean readOnly) throws Exception {
        Path file = dir.resolve("pmem.img");
        Files.write(file, pattern(fileBytes));
        device = VirtioPmem.open(file, readOnly, START);
        bench = new MmioBench(device);
        vq = bench.queue(0, 16);
        bench.guest.init(VERSION_1 | EVENT_IDX, vq);
    }

    @AfterEach
    void close() {
        if (bench != null) {
            bench.close();
            device.close();
        }
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 13 + 1);
        }
        return b;
    }

    long read(long address, int size) {
        IoValue v = new IoValue();
        assertEquals(IoResult.OK, device.region().mmioRead(address, size, v));
        return v.get();
    }

    void write(long address, int size, long value) {
        assertEquals(IoResult.OK, device.region().mmioWrite(address, size, value));
    }

    /** Sends a request of {@code type} ({@code typeBytes} of it) with a 4-byte response; returns ret. */
    int request(int type, int typeBytes) {
        long req = bench.buffer(4, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(type).array());
        long resp = bench.buffer(4, (byte) 0xEE, (byte) 0xEE, (byte) 0xEE, (byte) 0xEE);
        int head = typeBytes == 0 ? vq.add(Buf.out(resp, 4)) : vq.add(Buf.in(req, typeBytes), Buf.out(resp, 4));
        bench.guest.notify(0);
        List<Used> used = awaitUsed();
        assertEquals(List.of(new Used(head, 4)), used);
        return bench.mem.read32(resp);
    }

    List<Used> awaitUsed() {
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

    Object inspect(String path) {
        InspectNode node = new InspectNode();
        device.inspect(node);
        return node.at(path).orElse(null);
    }

    @Test
    void isAPmemDeviceWhoseConfigNamesItsRegion() throws Exception {
        open(8192, false);
        assertEquals(27, bench.guest.read(DEVICE_ID));
        assertEquals(VERSION_1 | INDIRECT_DESC | EVENT_IDX, bench.guest.deviceFeatures());
        assertEquals(START, bench.guest.config(0, 8));
        assertEquals(0L, bench.guest.config(0, 4));
        assertEquals(0x10L, bench.guest.config(4, 4));
        assertEquals(MIB2, bench.guest.config(8, 8), "the 8 KiB file is padded to 2 MiB");
        assertEquals(IoResult.INVALID_REGISTER, bench.guest.access(false, CONFIG + 16, 4, 0));
        assertEquals(List.of(new org.jvmm.chipset.api.MmioRange("virtio-pmem pmem.img", START, MIB2)),
                device.region().mmioRanges());
    }

    @Test
    void regionAccessesReadAndWriteTheFileAndFlushSucceeds() throws Exception {
        open(8192, false);
        byte[] p = pattern(8);
        assertEquals(ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN).getLong(), read(START, 8));
        assertEquals(p[3] & 0xFF, read(START + 3, 1));
        write(START + 100, 4, 0xCAFEBABEL);
        write(START + 4094, 4, 0x11223344L);
        assertEquals(0xCAFEBABEL, read(START + 100, 4));
        assertEquals(0x2233L, read(START + 4095, 2), "an access across a page boundary");
        assertEquals(0, request(VirtioPmem.REQ_TYPE_FLUSH, 4));
        byte[] file = Files.readAllBytes(dir.resolve("pmem.img"));
        assertEquals(8192, file.length);
        assertEquals(0xCAFEBABE, ByteBuffer.wrap(file, 100, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(0x11223344, ByteBuffer.wrap(file, 4094, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(1L, inspect("flushes"));
        assertEquals(2L, inspect("mmio_writes"));
    }

    @Test
    void badRequestsGetAnErrorAndUnanswerableOnesNeedAReset() throws Exception {
        open(4096, false);
        assertEquals(1, request(7, 4), "unknown type");
        assertEquals(1, request(0, 2), "type shorter than 4 bytes");
        assertEquals(1, request(0, 0), "no type at all");
        assertEquals(3L, inspect("bad_requests"));
        vq.add(Buf.in(bench.buffer(4), 4), Buf.out(bench.buffer(2), 2));
        bench.guest.notify(0);
        assertTrue((bench.guest.status() & NEEDS_RESET) != 0, "no room for the response");
    }

    @Test
    void bytesPastTheEndOfTheFileLiveInMemoryOnly() throws Exception {
        open(5000, false);
        byte[] p = pattern(5000);
        long expected = (p[4996] & 0xFF) | (p[4997] & 0xFFL) << 8 | (p[4998] & 0xFFL) << 16 | (p[4999] & 0xFFL) << 24;
        assertEquals(expected, read(START + 4996, 8), "the file's last bytes, then zeros");
        write(START + 4998, 4, 0xA1B2C3D4L);
        assertEquals(0xA1B2C3D4L, read(START + 4998, 4));
        write(START + MIB2 - 8, 8, -2L);
        assertEquals(-2L, read(START + MIB2 - 8, 8));
        byte[] file = Files.readAllBytes(dir.resolve("pmem.img"));
        assertEquals(5000, file.length, "the file does not grow");
        assertEquals((byte) 0xD4, file[4998]);
        assertEquals((byte) 0xC3, file[4999]);
        assertEquals(2, inspect("overlay_pages"));
    }

    @Test
    void readOnlyDevicesNeverWriteTheFile() throws Exception {
        open(8192, true);
        write(START + 8, 8, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, read(START + 8, 8), "the guest sees its write");
        assertEquals(pattern(8)[0] & 0xFF, read(START, 1), "the rest of the page is the file's");
        assertEquals(0, request(VirtioPmem.REQ_TYPE_FLUSH, 4));
        assertArrayEquals(pattern(8192), Files.readAllBytes(dir.resolve("pmem.img")));
        assertEquals(true, inspect("read_only"));
    }

    @Test
    void accessesOutsideTheRegionOrOfOddSizesAreRefused() throws Exception {
        open(4096, false);
        MmioIntercept region = device.region();
        IoValue v = new IoValue();
        assertEquals(IoResult.INVALID_REGISTER, region.mmioRead(START - 1, 1, v));
        assertEquals(IoResult.INVALID_REGISTER, region.mmioRead(START + MIB2 - 4, 8, v));
        assertEquals(IoResult.INVALID_REGISTER, region.mmioWrite(START + MIB2, 1, 0));
        assertEquals(IoResult.INVALID_REGISTER, region.mmioRead(Long.MIN_VALUE, 8, v));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, region.mmioRead(START, 3, v));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, region.mmioWrite(START, 16, 0));
        assertEquals(IoResult.OK, region.mmioRead(START + MIB2 - 8, 8, v));
    }

    @Test
    void closedDevicesAnswerUnsupported() throws Exception {
        open(4096, false);
        device.close();
        assertEquals(IoResult.UNSUPPORTED, device.region().mmioRead(START, 4, new IoValue()));
        assertEquals(IoResult.UNSUPPORTED, device.region().mmioWrite(START, 4, 1));
    }
}
