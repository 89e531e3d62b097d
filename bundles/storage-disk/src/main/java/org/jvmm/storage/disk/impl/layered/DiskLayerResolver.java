package org.jvmm.storage.disk.impl.layered;

import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskLayerAttach;
import org.jvmm.storage.disk.resources.DiskLayerHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code disk_layer_handle:disk}: resolves the inner disk now; it becomes a fully present layer. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=disk_layer_handle", "vmm.resource.id=disk"})
public final class DiskLayerResolver implements ResourceResolver<DiskLayerHandle, DiskLayerAttach> {
    @Override
    public Class<DiskLayerHandle> handleType() {
        return DiskLayerHandle.class;
    }

    @Override
    public Class<DiskLayerAttach> outputType() {
        return DiskLayerAttach.class;
    }

    @Override
    public DiskLayerAttach resolve(DiskLayerHandle handle, ResolveContext ctx) throws ResolveException {
        Disk disk = ctx.child("disk").resolve(handle.disk(), Disk.class);
        return new DiskLayerAttach() {
            @Override
            public DiskAsLayer attach(java.util.Optional<org.jvmm.storage.disk.api.LayerGeometry> lower, boolean readOnly) {
                return new DiskAsLayer(disk);
            }

            @Override
            public void close() {
                disk.close();
            }
        };
    }
}
