package org.jvmm.storage.disk.resources;

import org.jvmm.vmm.resource.ResourceHandle;

/**
 * One layer of a {@link LayeredDiskHandle}.
 *
 * @param layer        a {@code disk_layer_handle}
 * @param readCache    sectors read from the layers below are copied into this layer
 * @param writeThrough writes go to this layer and to the next one down
 */
public record DiskLayerDescription(ResourceHandle layer, boolean readCache, boolean writeThrough) {
    public DiskLayerDescription {
        Checks.required(Checks.DISK + "layered", "layer", layer);
        if (!"disk_layer_handle".equals(layer.kind())) {
            throw new IllegalArgumentException(Checks.DISK + "layered: a layer must be a disk_layer_handle, got "
                    + layer.key());
        }
    }

    public static DiskLayerDescription of(ResourceHandle layer) {
        return new DiskLayerDescription(layer, false, false);
    }
}
