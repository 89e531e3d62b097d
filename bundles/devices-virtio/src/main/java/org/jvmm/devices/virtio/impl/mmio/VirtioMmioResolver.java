package org.jvmm.devices.virtio.impl.mmio;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.vm.config.VirtioMmioHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceKinds;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/**
 * {@code chipset_device_handle:virtio_mmio}: resolves the {@code virtio} handle in {@code device} (at
 * {@code <path>.device}) and puts it behind a virtio-mmio window at {@code base} raising {@code gsi}.
 */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=chipset_device_handle", "vmm.resource.id=virtio_mmio"})
public final class VirtioMmioResolver implements ResourceResolver<VirtioMmioHandle, ChipsetDevice> {
    private static final String ID = "virtio_mmio";

    @Override
    public Class<VirtioMmioHandle> handleType() {
        return VirtioMmioHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(VirtioMmioHandle handle, ResolveContext ctx) throws ResolveException {
        ChipsetServices services = ctx.input(ChipsetServices.class).orElseThrow(() -> ResolveException.failed(
                ResourceKinds.CHIPSET_DEVICE_HANDLE, ID, ctx.path(),
                "no ChipsetServices input (chipset devices are resolved by the VM worker)"));
        if (!ResourceKinds.VIRTIO.equals(handle.device().kind())) {
            throw ResolveException.failed(ResourceKinds.CHIPSET_DEVICE_HANDLE, ID, ctx.path(),
                    "device must be a virtio handle, got " + handle.device().key());
        }
        VirtioDevice device = ctx.child("device").resolve(handle.device(), VirtioDevice.class);
        try {
            return new MmioTransport(device, handle.base(), handle.gsi(), services.memory(),
                    services.lineInterrupt(handle.gsi()));
        } catch (RuntimeException e) {
            device.close();
            throw ResolveException.failed(ResourceKinds.CHIPSET_DEVICE_HANDLE, ID, ctx.path(), e);
        }
    }
}
