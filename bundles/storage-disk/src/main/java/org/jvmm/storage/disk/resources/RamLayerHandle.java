package org.jvmm.storage.disk.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A sparse in-memory layer (OpenVMM's {@code RamDiskLayerHandle}): {@code mem:LEN} alone, or the
 * top of {@code memdiff:DISK}, where it keeps the writes and lets reads of unwritten sectors fall
 * through. Its content is lost when the disk closes.
 *
 * @param size       bytes; null means the size of the layer below
 * @param sectorSize bytes per sector; 0 means the lower layer's, or 512
 */
@HandleType(kind = "disk_layer_handle", id = "ram")
public record RamLayerHandle(Long size, int sectorSize) implements ResourceHandle {
    private static final String KEY = Checks.LAYER + "ram";

    public RamLayerHandle {
        Checks.sectorSize(KEY, sectorSize);
        if (size != null) {
            Checks.size(KEY, "size", size, sectorSize);
        }
    }

    /** A layer of {@code size} bytes. */
    public static RamLayerHandle of(long size) {
        return new RamLayerHandle(size, 0);
    }

    /** A layer as big as the one below (a diff layer). */
    public static RamLayerHandle diff() {
        return new RamLayerHandle(null, 0);
    }
}
