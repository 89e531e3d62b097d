package org.jvmm.devices.virtio.impl.pmem;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.resources.VirtioPmemHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceKinds;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/**
 * {@code virtio:virtio-pmem}: maps the file and places its region in guest-physical address space
 * through the {@link ChipsetServices} input's MMIO mapper (see the package doc for why MMIO).
 */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=virtio", "vmm.resource.id=virtio-pmem"})
public final class VirtioPmemResolver implements ResourceResolver<VirtioPmemHandle, VirtioDevice> {
    private static final String ID = "virtio-pmem";

    @Override
    public Class<VirtioPmemHandle> handleType() {
        return VirtioPmemHandle.class;
    }

    @Override
    public Class<VirtioDevice> outputType() {
        return VirtioDevice.class;
    }

    @Override
    public VirtioDevice resolve(VirtioPmemHandle handle, ResolveContext ctx) throws ResolveException {
        ChipsetServices services = ctx.input(ChipsetServices.class).orElseThrow(() -> ResolveException.failed(
                ResourceKinds.VIRTIO, ID, ctx.path(), "no ChipsetServices input (the region is mapped by the VM)"));
        PmemBacking backing;
        try {
            backing = PmemBacking.open(Path.of(handle.path()), handle.readOnly());
        } catch (IOException | InvalidPathException e) {
            throw ResolveException.failed(ResourceKinds.VIRTIO, ID, ctx.path(), "cannot map " + handle.path() + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
        }
        var mapper = services.mmioMapper();
        PmemRegion region = PmemPlacement.place(mapper, services.memory().layout(), backing).orElse(null);
        if (region == null) {
            ResolveException e = ResolveException.failed(ResourceKinds.VIRTIO, ID, ctx.path(), "no free guest-physical "
                    + "slot for " + backing.size() + " bytes below 2^" + PmemPlacement.LIMIT_BITS);
            try {
                backing.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new VirtioPmem(backing, region, () -> mapper.unmap(region.range()));
    }
}
