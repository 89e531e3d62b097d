package org.jvmm.devices.virtio.impl.pci;

import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.TestRam;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.pci.api.PciConfigSpace;

/**
 * A device behind a virtio-pci transport, attached to a fake PCI host, in 4 MiB of test guest memory,
 * with the guest's PCI view and virtio driver: the BAR is programmed at {@link #BAR_ADDRESS} (above
 * 4 GiB, as a 64-bit BAR goes), the capabilities walked; queue {@code i} lives at
 * {@code 0x10000 * (i + 1)}, buffers are allocated from 1 MiB up.
 */
final class PciBench implements AutoCloseable {
    static final long BAR_ADDRESS = 0x10_0000_0000L;

    final GuestMemory mem = TestRam.flat(4 << 20);
    final FakePciAttachment host = new FakePciAttachment();
    final PciTransport transport;
    final PciConfigSpace config;
    final PciGuest pci;
    final PciDriver driver;
    final TestRam.Allocator alloc = new TestRam.Allocator(1 << 20);

    PciBench(VirtioDevice device) {
        transport = new PciTransport(device, device.name() + "@test", mem);
        config = transport.configSpace();
        config.pciAttached(host);
        pci = new PciGuest(config, host);
        pci.programBar(BAR_ADDRESS);
        pci.findCapabilities();
        driver = new PciDriver(pci);
    }

    MockVirtqueue queue(int index, int size) {
        return MockVirtqueue.at(mem, 0x10000L * (index + 1), size);
    }

    /** A buffer of {@code len} bytes holding {@code bytes} at its start. */
    long buffer(long len, byte... bytes) {
        long at = alloc.alloc(len, 16);
        mem.fill(at, len, (byte) 0);
        mem.write(at, bytes, 0, bytes.length);
        return at;
    }

    byte[] read(long gpa, int len) {
        byte[] out = new byte[len];
        mem.read(gpa, out, 0, len);
        return out;
    }

    @Override
    public void close() {
        transport.close();
        mem.close();
    }
}
