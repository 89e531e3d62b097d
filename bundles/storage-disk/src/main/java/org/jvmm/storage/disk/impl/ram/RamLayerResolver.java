package org.jvmm.storage.disk.impl.ram;

import java.io.IOException;
import java.util.Optional;
import org.jvmm.storage.disk.api.DiskLayerAttach;
import org.jvmm.storage.disk.api.LayerGeometry;
import org.jvmm.storage.disk.resources.RamLayerHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code disk_layer_handle:ram}: a RAM layer, sized by the handle or by the layer below. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=disk_layer_handle", "vmm.resource.id=ram"})
public final class RamLayerResolver implements ResourceResolver<RamLayerHandle, DiskLayerAttach> {
    @Override
    public Class<RamLayerHandle> handleType() {
        return RamLayerHandle.class;
    }

    @Override
    public Class<DiskLayerAttach> outputType() {
        return DiskLayerAttach.class;
    }

    @Override
    public DiskLayerAttach resolve(RamLayerHandle handle, ResolveContext ctx) {
        return (lower, readOnly) -> attach(handle, lower);
    }

    static RamLayer attach(RamLayerHandle handle, Optional<LayerGeometry> lower) throws IOException {
        int sectorSize = handle.sectorSize() != 0 ? handle.sectorSize() : lower.map(LayerGeometry::sectorSize).orElse(512);
        long size;
        if (handle.size() != null) {
            size = handle.size();
        } else if (lower.isPresent()) {
            size = lower.get().sizeBytes();
        } else {
            throw new IOException("a RAM layer without a size needs a layer below it");
        }
        if (size % sectorSize != 0) {
            throw new IOException("RAM layer size " + size + " is not a multiple of the sector size " + sectorSize);
        }
        return new RamLayer(sectorSize, size / sectorSize);
    }
}
