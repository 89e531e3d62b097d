package org.jvmm.storage.disk.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A qcow2 image (version 2 or 3) as a read-only layer: allocated clusters are present, the
 * rest fall through to the layer below (put the image's backing file there) or read as zeros.
 * Deflate-compressed clusters are read; encrypted images, external data files and other
 * incompatible features are refused when the layer is attached. Put a writable layer (RAM,
 * SQLite) above it to write.
 *
 * @param path the image file
 */
@HandleType(kind = "disk_layer_handle", id = "qcow2")
public record Qcow2LayerHandle(String path) implements ResourceHandle {
    public Qcow2LayerHandle {
        Checks.path(Checks.LAYER + "qcow2", "path", path);
    }
}
