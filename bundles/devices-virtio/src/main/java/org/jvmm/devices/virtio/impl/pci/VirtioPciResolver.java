package org.jvmm.devices.virtio.impl.pci;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.vm.config.VirtioPciHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceKinds;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/**
 * {@code pci_device_handle:virtio_pci}: resolves the {@code virtio} handle in {@code device} (at
 * {@code <path>.device}) and puts it behind a modern virtio-pci function, a {@link ChipsetDevice}
 * with {@code pciConfig()} and no preferred address, named {@code <device>@<path>} (for example
 * {@code virtio-blk@virtioDevices[0]}). Needs the {@link ChipsetServices} input for guest memory;
 * BARs, MSI and INTx come from the PCI host when the worker attaches the function.
 */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=pci_device_handle", "vmm.resource.id=virtio_pci"})
public final class VirtioPciResolver implements ResourceResolver<VirtioPciHandle, ChipsetDevice> {
    private static final String ID = "virtio_pci";

    @Override
    public Class<VirtioPciHandle> handleType() {
        return VirtioPciHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(VirtioPciHandle handle, ResolveContext ctx) throws ResolveException {
        ChipsetServices services = ctx.input(ChipsetServices.class).orElseThrow(() -> ResolveException.failed(
                ResourceKinds.PCI_DEVICE_HANDLE, ID, ctx.path(),
                "no ChipsetServices input (PCI devices are resolved by the VM worker)"));
        if (!ResourceKinds.VIRTIO.equals(handle.device().kind())) {
            throw ResolveException.failed(ResourceKinds.PCI_DEVICE_HANDLE, ID, ctx.path(),
                    "device must be a virtio handle, got " + handle.device().key());
        }
        VirtioDevice device = ctx.child("device").resolve(handle.device(), VirtioDevice.class);
        try {
            return new PciTransport(device, device.name() + "@" + ctx.path(), services.memory());
        } catch (RuntimeException e) {
            device.close();
            throw ResolveException.failed(ResourceKinds.PCI_DEVICE_HANDLE, ID, ctx.path(), e);
        }
    }
}
