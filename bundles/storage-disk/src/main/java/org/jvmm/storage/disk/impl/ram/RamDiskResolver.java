package org.jvmm.storage.disk.impl.ram;

import java.util.List;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.impl.layered.LayeredDisk;
import org.jvmm.storage.disk.resources.RamDiskHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code disk_handle:ram}: one RAM layer as a disk. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=disk_handle", "vmm.resource.id=ram"})
public final class RamDiskResolver implements ResourceResolver<RamDiskHandle, Disk> {
    @Override
    public Class<RamDiskHandle> handleType() {
        return RamDiskHandle.class;
    }

    @Override
    public Class<Disk> outputType() {
        return Disk.class;
    }

    @Override
    public Disk resolve(RamDiskHandle handle, ResolveContext ctx) {
        int sectorSize = handle.sectorSize() == 0 ? 512 : handle.sectorSize();
        return LayeredDisk.of(false, List.of(new LayeredDisk.Layer(
                new RamLayer(sectorSize, handle.size() / sectorSize), false, false)));
    }
}
