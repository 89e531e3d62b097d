package org.jvmm.devices.virtio.driver;

import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.impl.mmio.MmioTransport;
import org.jvmm.guestmem.GuestMemory;

/**
 * A device behind a virtio-mmio transport in 4 MiB of test guest memory, with the guest's driver:
 * queue {@code i} lives at {@code 0x10000 * (i + 1)}, buffers are allocated from 1 MiB up.
 */
public final class MmioBench implements AutoCloseable {
    public static final long BASE = 0xD000_0000L;
    public static final int GSI = 10;

    public final GuestMemory mem = TestRam.flat(4 << 20);
    public final FakeLine line = new FakeLine();
    public final MmioTransport transport;
    public final MmioGuest guest;
    public final TestRam.Allocator alloc = new TestRam.Allocator(1 << 20);

    public MmioBench(VirtioDevice device) {
        transport = new MmioTransport(device, BASE, GSI, mem, line);
        guest = new MmioGuest(transport, BASE);
    }

    public MockVirtqueue queue(int index, int size) {
        return MockVirtqueue.at(mem, 0x10000L * (index + 1), size);
    }

    /** A buffer of {@code len} bytes holding {@code bytes} at its start. */
    public long buffer(long len, byte... bytes) {
        long at = alloc.alloc(len, 16);
        mem.fill(at, len, (byte) 0);
        mem.write(at, bytes, 0, bytes.length);
        return at;
    }

    public byte[] read(long gpa, int len) {
        byte[] out = new byte[len];
        mem.read(gpa, out, 0, len);
        return out;
    }

    @Override
    public void close() {
        mem.close();
    }
}
