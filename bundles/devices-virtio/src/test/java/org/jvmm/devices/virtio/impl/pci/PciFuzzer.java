package org.jvmm.devices.virtio.impl.pci;

import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.TestRam;
import org.jvmm.guestmem.GuestMemory;

/**
 * Drives one device behind the virtio-pci transport with random guest behaviour: proper driver
 * probes (with and without MSI-X, good and bad vectors), chains and doorbells, random accesses of
 * any width to every page of the BAR, to configuration space (command, BARs, capabilities, MSI-X
 * control, the PCI_CFG window's fields) with random byte enables, the MSI-X table and PBA, the
 * window's data, BAR moves, VM resets and function-level resets. After every case
 * {@link PciFuzzChecks} verifies the transport's invariants. Guest memory confinement of the queues
 * is the chain fuzzer's subject ({@code impl.fuzz}); here RAM accesses are bounded by GuestMemory
 * and any escape shows up as an exception or a device failure. Deterministic for a seed.
 */
final class PciFuzzer implements AutoCloseable {
    private static final Logger VIRTIO_LOG = Logger.getLogger("org.jvmm.devices.virtio");
    private static final long[] BAR_ADDRESSES = {PciBench.BAR_ADDRESS, 0xC000_0000L, 0x10_0000_8000L, 0};
    private static final int[] COMMON_FIELDS = {0x00, 0x04, 0x08, 0x0C, 0x10, 0x12, 0x14, 0x15, 0x16, 0x18, 0x1A,
        0x1C, 0x1E, 0x20, 0x24, 0x28, 0x2C, 0x30, 0x34, 0x38, 0x3A, 0x3C, 0x3E};
    private static final int[] SIZES = {1, 2, 4, 4, 4, 8, 3, 0, 16};

    private final String target;
    private final long seed;
    private final Random r;
    private final GuestMemory mem = TestRam.flat(1 << 20);
    private final FakePciAttachment host = new FakePciAttachment();
    private final IoValue value = new IoValue();
    private PciTransport transport;
    private PciGuest pci;
    private PciDriver driver;
    private PciFuzzChecks checks;
    private MockVirtqueue[] queues = new MockVirtqueue[0];
    private String action = "start";
    private long activations;
    private long requests;

    /** What a run reached. */
    record Report(String target, long cases, long activations, long requests, long messages, long windowAccesses) {
    }

    PciFuzzer(String target, long seed) {
        this.target = target;
        this.seed = seed;
        this.r = new Random(seed);
    }

    Report run(VirtioDevice device, long cases) {
        VIRTIO_LOG.setLevel(Level.SEVERE);
        transport = new PciTransport(device, target, mem);
        transport.configSpace().pciAttached(host);
        pci = new PciGuest(transport.configSpace(), host);
        pci.programBar(PciBench.BAR_ADDRESS);
        pci.findCapabilities();
        driver = new PciDriver(pci);
        checks = new PciFuzzChecks(transport, host, pci.msixTableSize());
        for (long i = 0; i < cases; i++) {
            try {
                checks.before();
                step();
                checks.after(i);
            } catch (Throwable t) {
                throw new AssertionError(target + " seed " + seed + " case " + i + " (" + action + "): " + t, t);
            }
        }
        checks.deviceNeverFailed();
        return new Report(target, cases, activations, requests, checks.messages(), checks.windowAccesses());
    }

    private void step() {
        int a = r.nextInt(100);
        if (a < 4) {
            probe();
        } else if (a < 30) {
            request();
        } else if (a < 55) {
            barAccess();
        } else if (a < 72) {
            configAccess();
        } else if (a < 80) {
            msixAccess();
        } else if (a < 88) {
            window();
        } else if (a < 91) {
            resets();
        } else if (a < 94) {
            moveBar();
        } else {
            action = "read ISR";
            access(false, PciBench.BAR_ADDRESS + 0x1000, 1, 0);
        }
    }

    /** A whole driver probe, done with register accesses that may fail when the BAR is not decoded. */
    private void probe() {
        action = "probe";
        pci.programBar(PciBench.BAR_ADDRESS);
        int count = transport.configSpace().msix().orElseThrow().vectors() - 1;
        boolean msix = r.nextBoolean();
        pci.msixControl(msix, r.nextInt(8) == 0);
        for (int v = 0; v <= count && msix; v++) {
            pci.msixEntry(v, r.nextInt(6) == 0);
        }
        driver.negotiate(driver.deviceFeatures() & (r.nextLong() | 1L << 32));
        driver.common(PciDriver.CONFIG_MSIX_VECTOR, 2, vector(count));
        queues = new MockVirtqueue[count];
        for (int q = 0; q < count; q++) {
            // every target's queues take 16 entries
            queues[q] = MockVirtqueue.at(mem, 0x10000L * (q + 1), r.nextInt(3) == 0 ? 8 : 16);
            driver.setupQueue(q, queues[q], PciDriver.NO_VECTOR);
            driver.common(PciDriver.QUEUE_MSIX_VECTOR, 2, vector(count));
        }
        if (r.nextInt(10) != 0) {
            driver.driverOk();
            activations++;
        }
    }

    private int vector(int queues) {
        return switch (r.nextInt(8)) {
            case 0 -> PciDriver.NO_VECTOR;
            case 1 -> queues + 1 + r.nextInt(100);
            default -> r.nextInt(queues + 1);
        };
    }

    /** A well-formed chain on a set-up queue (bytes for the device to read, room to write), then a doorbell. */
    private void request() {
        int q = queues.length == 0 ? 0 : r.nextInt(queues.length);
        action = "request on queue " + q;
        if (q < queues.length && r.nextInt(8) != 0) {
            long in = 0x80000 + 0x1000L * r.nextInt(64);
            long out = in + 0x800;
            byte[] payload = new byte[16];
            r.nextBytes(payload);
            payload[0] = (byte) r.nextInt(16);
            payload[4] = payload[5] = payload[6] = payload[7] = 0;
            mem.write(in, payload, 0, payload.length);
            try {
                queues[q].add(Buf.in(in, 16 + r.nextInt(64)), Buf.out(out, 1 + r.nextInt(512)));
                requests++;
            } catch (java.util.NoSuchElementException full) {
                queues[q].takeUsed();
            }
        }
        long doorbell = r.nextInt(10) == 0 ? r.nextInt(0x100) : 4L * q;
        access(true, pci.barAddress + 0x3000 + doorbell, r.nextInt(10) == 0 ? SIZES[r.nextInt(SIZES.length)] : 2, q);
        if (q < queues.length) {
            queues[q].takeUsed();
        }
    }

    /** Any access to any page of the BAR, mostly at the common configuration's fields. */
    private void barAccess() {
        long off = switch (r.nextInt(10)) {
            case 0, 1, 2, 3 -> COMMON_FIELDS[r.nextInt(COMMON_FIELDS.length)];
            case 4 -> 0x1000 + r.nextInt(8);
            case 5, 6 -> 0x2000 + r.nextInt(80);
            case 7 -> 0x3000 + r.nextInt(0x120);
            case 8 -> r.nextInt(0x8000);
            default -> r.nextInt(0x9000) - 0x800;
        };
        int size = SIZES[r.nextInt(SIZES.length)];
        boolean write = r.nextBoolean();
        long v = r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(3) == 0 ? 0 : r.nextInt(70);
        if (off == 0x14 && write && r.nextBoolean()) {
            v = new int[] {0, 1, 3, 0xB, 0xF, 0x40, 0x80}[r.nextInt(7)];
        }
        action = (write ? "write" : "read") + " BAR+0x" + Long.toHexString(off) + "/" + size + " = 0x" + Long.toHexString(v);
        access(write, pci.barAddress + off, size, v);
    }

    /** A config cycle: any dword, random byte enables; values aimed at command, BARs and capabilities. */
    private void configAccess() {
        int off = r.nextInt(10) < 8 ? r.nextInt(64) * 4 : r.nextInt(1 << 12) & ~3;
        int be = r.nextInt(16);
        int v = switch (r.nextInt(5)) {
            case 0 -> PciGuest.COMMAND_MEMORY | PciGuest.COMMAND_BUS_MASTER | r.nextInt(2) * PciGuest.COMMAND_INTX_DISABLE;
            case 1 -> 0x8000_0000 | r.nextInt(0x4000_0000) & ~0xFFF;
            default -> r.nextInt();
        };
        boolean write = r.nextInt(3) != 0;
        action = (write ? "config write 0x" : "config read 0x") + Integer.toHexString(off) + " be " + be + " = 0x"
                + Integer.toHexString(v);
        IoResult result = write ? transport.configSpace().pciConfigWrite(off, v, be)
                : transport.configSpace().pciConfigRead(off, value);
        PciFuzzChecks.notNull(result);
        if (write && (off == 0x20 || off == 0x24)) {
            pci.barAddress = transport.configSpace().barAddress(4);
        }
    }

    private void msixAccess() {
        long base = r.nextBoolean() ? 0x4000 : 0x5000;
        long off = base + (r.nextInt(4) == 0 ? r.nextInt(0x1000) : r.nextInt(0x60));
        int size = SIZES[r.nextInt(SIZES.length)];
        boolean write = r.nextBoolean();
        long v = r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(2);
        action = (write ? "write" : "read") + " MSI-X BAR+0x" + Long.toHexString(off) + "/" + size;
        access(write, pci.barAddress + off, size, v);
        if (r.nextInt(4) == 0) {
            pci.msixControl(r.nextBoolean(), r.nextInt(4) == 0);
        }
    }

    /** Programs the PCI_CFG window (mostly validly) and reads or writes its data. */
    private void window() {
        int cap = pci.cap(PciDriver.PCI_CFG).pos();
        int len = new int[] {1, 2, 4, 4, 2, 3, 0, 8}[r.nextInt(8)];
        int off = switch (r.nextInt(6)) {
            case 0 -> r.nextInt();
            case 1 -> r.nextInt(0x6000);
            case 2 -> new int[] {0x1000, 0x3000, 0x3004, 0x5000}[r.nextInt(4)];
            case 3 -> (0x2000 + r.nextInt(64)) & -Math.max(1, len);
            case 4 -> 0x4000 + 4 * r.nextInt(12);
            default -> COMMON_FIELDS[r.nextInt(COMMON_FIELDS.length)];
        };
        action = "window " + Integer.toHexString(off) + "/" + len;
        pci.cfgWrite(cap + 4, 1, r.nextInt(8) == 0 ? r.nextInt(256) : 4);
        pci.cfgWrite(cap + 8, 4, off);
        pci.cfgWrite(cap + 12, 4, len);
        if (r.nextBoolean()) {
            pci.cfgWrite(cap + 16, 1 << r.nextInt(3), r.nextInt(3) == 0 ? r.nextInt() : r.nextInt(16));
        } else {
            pci.cfgRead(cap + 16);
        }
    }

    private void resets() {
        switch (r.nextInt(3)) {
            case 0 -> {
                action = "vm reset";
                transport.reset();
                pci.programBar(PciBench.BAR_ADDRESS);
            }
            case 1 -> {
                action = "function level reset";
                pci.cfgWrite(pci.findCapability(0x10) + 8, 2, 1 << 15);
                pci.programBar(PciBench.BAR_ADDRESS);
            }
            default -> {
                action = "driver reset";
                access(true, pci.barAddress + 0x14, 1, 0);
            }
        }
        queues = new MockVirtqueue[0];
    }

    private void moveBar() {
        long address = BAR_ADDRESSES[r.nextInt(BAR_ADDRESSES.length)];
        action = "move BAR to 0x" + Long.toHexString(address);
        pci.programBar(address);
    }

    private void access(boolean write, long address, int size, long v) {
        PciFuzzChecks.notNull(write ? host.write(address, size, v) : host.read(address, size));
    }

    @Override
    public void close() {
        if (transport != null) {
            transport.close();
        }
        mem.close();
    }
}
