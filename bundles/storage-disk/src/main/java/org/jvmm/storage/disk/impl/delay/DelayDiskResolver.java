package org.jvmm.storage.disk.impl.delay;

import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.resources.DelayDiskHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code disk_handle:delay}: the inner disk with added latency. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=disk_handle", "vmm.resource.id=delay"})
public final class DelayDiskResolver implements ResourceResolver<DelayDiskHandle, Disk> {
    @Override
    public Class<DelayDiskHandle> handleType() {
        return DelayDiskHandle.class;
    }

    @Override
    public Class<Disk> outputType() {
        return Disk.class;
    }

    @Override
    public Disk resolve(DelayDiskHandle handle, ResolveContext ctx) throws ResolveException {
        return new DelayDisk(ctx.child("disk").resolve(handle.disk(), Disk.class), handle.delayMillis());
    }
}
