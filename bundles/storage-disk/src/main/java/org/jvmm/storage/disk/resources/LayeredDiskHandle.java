package org.jvmm.storage.disk.resources;

import java.util.Arrays;
import java.util.List;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A disk made of layers, top first (OpenVMM's {@code LayeredDiskHandle}). A read takes each
 * sector from the topmost layer that has it, and zeros when none has. A write goes to the top
 * layer, and on through the layers marked {@code writeThrough}. The disk has the top layer's
 * size. A writable disk needs a writable top layer; lower layers are only read (except a read
 * cache, which is filled on reads).
 *
 * @param layers   at least one, top first
 * @param readOnly the disk refuses writes
 */
@HandleType(kind = "disk_handle", id = "layered")
public record LayeredDiskHandle(List<DiskLayerDescription> layers, boolean readOnly) implements ResourceHandle {
    private static final String KEY = Checks.DISK + "layered";

    public LayeredDiskHandle {
        Checks.required(KEY, "layers", layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(KEY + ": layers must not be empty");
        }
        layers = List.copyOf(layers);
    }

    /** Plain layers (no cache, no write-through), top first. */
    public static LayeredDiskHandle of(boolean readOnly, ResourceHandle... layers) {
        return new LayeredDiskHandle(Arrays.stream(layers).map(DiskLayerDescription::of).toList(), readOnly);
    }
}
