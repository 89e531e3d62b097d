package org.jvmm.devices.virtio.resources;

import java.util.Objects;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A virtio block device (the guest's {@code /dev/vda}).
 *
 * @param disk     a {@code disk_handle}
 * @param readOnly expose the disk read-only (VIRTIO_BLK_F_RO) even if the disk is writable
 */
@HandleType(kind = "virtio", id = "virtio-blk")
public record VirtioBlkHandle(ResourceHandle disk, boolean readOnly) implements ResourceHandle {
    public VirtioBlkHandle {
        Objects.requireNonNull(disk, "virtio:virtio-blk: disk is required");
        if (!"disk_handle".equals(disk.kind())) {
            throw new IllegalArgumentException("virtio:virtio-blk: disk must be a disk_handle, got " + disk.key());
        }
    }
}
