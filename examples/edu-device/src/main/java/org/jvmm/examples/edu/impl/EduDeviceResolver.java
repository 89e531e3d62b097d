package org.jvmm.examples.edu.impl;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.examples.edu.resources.EduDeviceHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceKinds;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/**
 * {@code pci_device_handle:edu}: builds an {@link EduDevice} on the VM's guest memory (the
 * {@link ChipsetServices} input the VM worker passes to PCI device resolvers). Registering this
 * component is all it takes for jvmm to know the device: the VM's resolver registry tracks every
 * {@link ResourceResolver} service.
 */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=pci_device_handle", "vmm.resource.id=edu"})
public final class EduDeviceResolver implements ResourceResolver<EduDeviceHandle, ChipsetDevice> {
    @Override
    public Class<EduDeviceHandle> handleType() {
        return EduDeviceHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(EduDeviceHandle handle, ResolveContext ctx) throws ResolveException {
        ChipsetServices services = ctx.input(ChipsetServices.class).orElseThrow(() -> ResolveException.failed(
                ResourceKinds.PCI_DEVICE_HANDLE, "edu", ctx.path(),
                "no ChipsetServices input (PCI devices are resolved by the VM worker)"));
        return new EduDevice(handle.deviceName(), services.memory());
    }
}
