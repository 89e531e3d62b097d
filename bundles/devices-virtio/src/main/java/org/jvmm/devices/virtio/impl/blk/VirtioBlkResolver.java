package org.jvmm.devices.virtio.impl.blk;

import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.resources.VirtioBlkHandle;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceKinds;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code virtio:virtio-blk}: resolves its {@code disk_handle} at {@code <path>.disk}. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=virtio", "vmm.resource.id=virtio-blk"})
public final class VirtioBlkResolver implements ResourceResolver<VirtioBlkHandle, VirtioDevice> {
    @Override
    public Class<VirtioBlkHandle> handleType() {
        return VirtioBlkHandle.class;
    }

    @Override
    public Class<VirtioDevice> outputType() {
        return VirtioDevice.class;
    }

    @Override
    public VirtioDevice resolve(VirtioBlkHandle handle, ResolveContext ctx) throws ResolveException {
        Disk disk = ctx.child("disk").resolve(handle.disk(), Disk.class);
        try {
            return new VirtioBlk(disk, handle.readOnly());
        } catch (IllegalArgumentException e) {
            disk.close();
            throw ResolveException.failed(ResourceKinds.VIRTIO, "virtio-blk", ctx.path(), e);
        }
    }
}
