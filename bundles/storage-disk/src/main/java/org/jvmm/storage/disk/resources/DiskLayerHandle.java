package org.jvmm.storage.disk.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A whole disk as a layer: it has every sector (OpenVMM's {@code DiskLayerHandle}).
 *
 * @param disk a {@code disk_handle}
 */
@HandleType(kind = "disk_layer_handle", id = "disk")
public record DiskLayerHandle(ResourceHandle disk) implements ResourceHandle {
    public DiskLayerHandle {
        Checks.required(Checks.LAYER + "disk", "disk", disk);
    }
}
