package org.jvmm.devices.virtio.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A virtio persistent-memory device (the guest's {@code /dev/pmem0}) backed by a host file, which
 * the device places in guest-physical address space above RAM.
 *
 * @param path     the backing file; its length (not zero) is the device size, padded to 2 MiB
 * @param readOnly never write the file: guest writes stay in memory and are lost at exit
 */
@HandleType(kind = "virtio", id = "virtio-pmem")
public record VirtioPmemHandle(String path, boolean readOnly) implements ResourceHandle {
    public VirtioPmemHandle {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("virtio:virtio-pmem: path is required");
        }
    }
}
