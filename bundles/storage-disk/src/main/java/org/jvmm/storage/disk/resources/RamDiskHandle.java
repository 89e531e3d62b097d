package org.jvmm.storage.disk.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A sparse RAM disk of {@code size} bytes that reads as zeros until written (the same store as
 * {@link RamLayerHandle}, as a disk of its own).
 *
 * @param size       bytes, a multiple of the sector size
 * @param sectorSize bytes per sector; 0 means 512
 */
@HandleType(kind = "disk_handle", id = "ram")
public record RamDiskHandle(long size, int sectorSize) implements ResourceHandle {
    private static final String KEY = Checks.DISK + "ram";

    public RamDiskHandle {
        Checks.sectorSize(KEY, sectorSize);
        Checks.size(KEY, "size", size, sectorSize);
    }

    public static RamDiskHandle of(long size) {
        return new RamDiskHandle(size, 0);
    }
}
