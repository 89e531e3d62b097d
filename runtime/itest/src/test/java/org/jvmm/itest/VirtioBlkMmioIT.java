package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.devices.virtio.resources.VirtioBlkHandle;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.itest.VirtioMmioDriver.Buffer;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.resources.LayeredDiskHandle;
import org.jvmm.storage.disk.resources.RamDiskHandle;
import org.jvmm.storage.disk.resources.SqliteLayerHandle;
import org.jvmm.vm.config.VirtioMmioHandle;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * {@code chipset_device_handle:virtio_mmio} over {@code virtio:virtio-blk} over a disk, resolved as one
 * graph through the registry (three bundles: devices-virtio, storage-disk, vm-config's handle) and
 * driven by a guest driver through its registers and guest RAM.
 */
class VirtioBlkMmioIT {
    static final long BASE = 0xFEB0_0000L;
    static final int GSI = 16;
    private static final long QUEUE = 0x10_0000;
    private static final long HEADER = 0x11_0000;
    private static final long DATA = 0x12_0000;
    private static final long STATUS = 0x13_0000;
    private static final int T_IN = 0;
    private static final int T_OUT = 1;
    private static final int T_FLUSH = 4;
    private static final long F_FLUSH = 1L << 9;

    private TrackedService<ResolverRegistry> registryService;
    private ResolverRegistry registry;
    private RecordingChipsetServices services;

    @BeforeEach
    void setUp() throws Exception {
        registryService = TrackedService.await(ResolverRegistry.class);
        registry = registryService.get();
        Eventually.await("virtio_mmio", () -> registry.find("chipset_device_handle", "virtio_mmio"));
        Eventually.await("virtio-blk", () -> registry.find("virtio", "virtio-blk"));
        services = RecordingChipsetServices.withRam(16L << 20);
    }

    @AfterEach
    void tearDown() {
        services.close();
        registryService.close();
    }

    @Test
    void transportShowsTheVirtioBlkDeviceAndItsCapacity() throws Exception {
        ChipsetDevice device = resolve(RamDiskHandle.of(1 << 20));
        try {
            assertEquals("virtio-blk@feb00000", device.name());
            MmioIntercept mmio = device.mmio().orElseThrow();
            assertEquals(List.of(new MmioRange(device.name(), BASE, 0x200)), mmio.mmioRanges());
            VirtioMmioDriver regs = VirtioMmioDriver.start(mmio, BASE, services.memory(), QUEUE, 0);
            assertEquals(0x7472_6976, regs.read(0x000), "magic 'virt'");
            assertEquals(2, regs.read(0x004), "virtio-mmio version");
            assertEquals(2, regs.read(0x008), "device id: block");
            assertEquals(0x1AF4, regs.read(0x00C), "vendor id");
            assertEquals(2048, regs.readConfig(0, 8), "capacity in 512-byte sectors");
            assertTrue(device.acpi().isPresent(), "virtio-mmio devices are described in the DSDT");
        } finally {
            close(device);
        }
    }

    @Test
    void guestWriteThenReadOfARamDiskRoundTripsAndRaisesTheInterruptLine() throws Exception {
        ChipsetDevice device = resolve(RamDiskHandle.of(1 << 20));
        try {
            VirtioMmioDriver driver = VirtioMmioDriver.start(device.mmio().orElseThrow(), BASE, services.memory(),
                    QUEUE, 0);
            byte[] data = DiskGraphIT.pattern("virtio-blk over disk_handle:ram", 2);
            services.memory().write(DATA, data, 0, data.length);

            assertEquals(0, request(driver, T_OUT, 3, data.length, false), "write status");
            assertTrue(services.raises(GSI) >= 1, "the device raised GSI " + GSI);
            assertTrue(services.lineHigh(GSI), "the level-triggered line stays high until acknowledged");
            assertNotEquals(0, driver.acknowledgeInterrupt() & 1, "used-buffer interrupt");
            assertFalse(services.lineHigh(GSI), "acknowledging lowers the line");
            assertEquals(List.of(), services.msis(), "virtio-mmio interrupts are lines, not MSIs");

            services.memory().fill(DATA, data.length, (byte) 0);
            assertEquals(0, request(driver, T_IN, 3, data.length, true), "read status");
            assertArrayEquals(data, bytes(DATA, data.length));
        } finally {
            close(device);
        }
    }

    @Test
    void guestWritesToAnSqliteDiskAreFlushedAndReadBackAfterTheDeviceIsClosed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vda.dbhd");
        byte[] data = DiskGraphIT.pattern("virtio-blk over disk_layer_handle:sqlite", 4);
        ChipsetDevice device = resolve(
                LayeredDiskHandle.of(false, SqliteLayerHandle.create(file.toString(), 1L << 20)));
        try {
            VirtioMmioDriver driver = VirtioMmioDriver.start(device.mmio().orElseThrow(), BASE, services.memory(),
                    QUEUE, F_FLUSH);
            services.memory().write(DATA, data, 0, data.length);
            assertEquals(0, request(driver, T_OUT, 40, data.length, false), "write status");
            assertEquals(0, request(driver, T_FLUSH, 0, 0, false), "flush status");
        } finally {
            close(device);
        }

        try (Disk reopened = registry.resolve(LayeredDiskHandle.of(true, SqliteLayerHandle.open(file.toString())),
                Disk.class, Inputs.EMPTY, "disks[0]")) {
            assertArrayEquals(data, DiskGraphIT.read(reopened, 40, 4));
            assertArrayEquals(new byte[DiskGraphIT.SECTOR], DiskGraphIT.read(reopened, 44, 1));
        }
    }

    private ChipsetDevice resolve(ResourceHandle disk) throws Exception {
        VirtioMmioHandle handle = new VirtioMmioHandle(new VirtioBlkHandle(disk, false), BASE, GSI);
        return registry.resolve(handle, ChipsetDevice.class, Inputs.of(services), "chipsetDevices[0]");
    }

    /**
     * One virtio-blk request of {@code type} at {@code sector}: header, {@code len} data bytes at
     * {@link #DATA} (none when 0) and the status byte.
     *
     * @return the status byte the device wrote
     */
    private int request(VirtioMmioDriver driver, int type, long sector, int len, boolean deviceWritesData)
            throws InterruptedException {
        GuestMemory m = services.memory();
        m.write32(HEADER, type);
        m.write32(HEADER + 4, 0);
        m.write64(HEADER + 8, sector);
        m.write8(STATUS, (byte) 0xFF);
        List<Buffer> chain = len == 0
                ? List.of(new Buffer(HEADER, 16, false), new Buffer(STATUS, 1, true))
                : List.of(new Buffer(HEADER, 16, false), new Buffer(DATA, len, deviceWritesData),
                        new Buffer(STATUS, 1, true));
        int written = driver.submit(chain);
        assertEquals(deviceWritesData ? len + 1 : 1, written, "bytes written by the device");
        return m.read8(STATUS) & 0xFF;
    }

    private byte[] bytes(long gpa, int len) {
        byte[] out = new byte[len];
        services.memory().read(gpa, out, 0, len);
        return out;
    }

    /** Closes a transport, and with it its device and disk. */
    static void close(ChipsetDevice device) throws Exception {
        assertInstanceOf(AutoCloseable.class, device, device.name() + " can be closed").close();
    }
}
