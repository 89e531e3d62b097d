package org.jvmm.storage.nvme.driver;

import java.util.List;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.storage.nvme.api.NvmeNamespaceException;
import org.jvmm.storage.nvme.impl.NvmeController;
import org.jvmm.storage.nvme.impl.core.ControllerIdentity;
import org.jvmm.storage.nvme.resources.NvmeControllerHandle;

/** 16 MiB of guest RAM, a controller with test disks as namespaces 1..n, and a driver for it. */
public final class Fixture implements AutoCloseable {
    public static final long RAM = 16 << 20;
    public final GuestMemory memory;
    public final NvmeController device;
    public final NvmeDriver driver;
    public final TestRam.Allocator alloc;
    public final PrpBuilder prps;

    public Fixture(GuestMemory memory, NvmeControllerHandle handle, long allocStart, long allocEnd) {
        this.memory = memory;
        this.device = new NvmeController(ControllerIdentity.of(handle), memory);
        this.alloc = new TestRam.Allocator(allocStart, allocEnd);
        this.driver = new NvmeDriver(device, memory, alloc, 16);
        this.prps = new PrpBuilder(memory, alloc, NvmeDriver.PAGE);
    }

    /** Default controller settings, namespaces 1..n on {@code disks}, the controller enabled. */
    public static Fixture enabled(MemDisk... disks) {
        Fixture f = new Fixture(TestRam.flat(RAM), NvmeControllerHandle.of(List.of()), 1 << 20, RAM);
        for (int i = 0; i < disks.length; i++) {
            f.add(i + 1, disks[i], false);
        }
        f.driver.enable();
        return f;
    }

    public void add(int nsid, MemDisk disk, boolean readOnly) {
        try {
            device.addNamespace(nsid, disk, readOnly);
        } catch (NvmeNamespaceException e) {
            throw new AssertionError(e);
        }
    }

    /** A page-aligned buffer of {@code len} bytes filled with a pattern from {@code seed}. */
    public long pattern(long len, int seed) {
        long at = alloc.page(len);
        byte[] b = new byte[(int) len];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i * 7 + (i >>> 9));
        }
        memory.write(at, b, 0, b.length);
        return at;
    }

    public byte[] bytes(long gpa, int len) {
        byte[] b = new byte[len];
        memory.read(gpa, b, 0, len);
        return b;
    }

    @Override
    public void close() {
        device.close();
        memory.close();
    }
}
