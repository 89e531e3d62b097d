package org.jvmm.devices.virtio.impl.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.CONFIG;
import static org.jvmm.devices.virtio.driver.MmioGuest.DEVICE_ID;
import static org.jvmm.devices.virtio.driver.MmioGuest.EVENT_IDX;
import static org.jvmm.devices.virtio.driver.MmioGuest.INDIRECT_DESC;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.devices.virtio.driver.FakeResolveContext;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.resources.VirtioRngHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtioRngTest {
    MmioBench bench = new MmioBench(new VirtioRng(new Random(42)));
    MockVirtqueue vq = bench.queue(0, 64);

    @AfterEach
    void close() {
        bench.close();
    }

    static byte[] expected(int n) {
        Random r = new Random(42);
        byte[] out = new byte[n];
        byte[] block = new byte[4096];
        for (int i = 0; i < n; i += 4096) {
            r.nextBytes(block);
            System.arraycopy(block, 0, out, i, Math.min(4096, n - i));
        }
        return out;
    }

    @Test
    void isAnEntropyDeviceWithoutConfigSpace() {
        assertEquals(4, bench.guest.read(DEVICE_ID));
        assertEquals(VERSION_1 | INDIRECT_DESC | EVENT_IDX, bench.guest.deviceFeatures());
        assertEquals(IoResult.INVALID_REGISTER, bench.guest.access(false, CONFIG, 1, 0));
    }

    @Test
    void fillsTheWritableBuffersOfARequestWithRandomBytes() {
        bench.guest.init(VERSION_1 | EVENT_IDX, vq);
        long a = bench.buffer(30);
        long b = bench.buffer(70);
        int head = vq.add(Buf.out(a, 30), Buf.out(b, 70));
        bench.guest.notify(0);
        assertEquals(List.of(new Used(head, 100)), vq.takeUsed());
        byte[] got = new byte[100];
        System.arraycopy(bench.read(a, 30), 0, got, 0, 30);
        System.arraycopy(bench.read(b, 70), 0, got, 30, 70);
        assertArrayEquals(expected(100), got);
        assertEquals(1, bench.guest.handleInterrupt());
    }

    @Test
    void largeRequestsGetAtMost64KiB() {
        bench.guest.init(VERSION_1, vq);
        long a = bench.buffer(100_000);
        int head = vq.add(Buf.out(a, 100_000));
        bench.guest.notify(0);
        assertEquals(List.of(new Used(head, VirtioRng.MAX_REQUEST)), vq.takeUsed());
        assertArrayEquals(expected(VirtioRng.MAX_REQUEST), bench.read(a, VirtioRng.MAX_REQUEST));
        assertTrue(Arrays.equals(new byte[16], bench.read(a + VirtioRng.MAX_REQUEST, 16)), "rest untouched");
    }

    @Test
    void readOnlyRequestsAreReturnedEmpty() {
        bench.guest.init(VERSION_1, vq);
        int head = vq.add(Buf.in(bench.buffer(8), 8));
        bench.guest.notify(0);
        assertEquals(List.of(new Used(head, 0)), vq.takeUsed());
    }

    @Test
    void resolverGivesASecureRandomDevice() {
        var device = new VirtioRngResolver().resolve(new VirtioRngHandle(), new FakeResolveContext());
        assertEquals("virtio-rng", device.name());
        assertEquals(4, device.deviceId());
        try (MmioBench b = new MmioBench(device)) {
            MockVirtqueue q = b.queue(0, 8);
            b.guest.init(VERSION_1, q);
            long buf = b.buffer(64);
            q.add(Buf.out(buf, 64));
            b.guest.notify(0);
            assertEquals(64, q.takeUsed().getFirst().len());
            assertTrue(!Arrays.equals(new byte[64], b.read(buf, 64)), "64 random bytes are not all zero");
        }
    }
}
