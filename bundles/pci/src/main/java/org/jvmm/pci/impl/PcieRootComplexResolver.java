package org.jvmm.pci.impl;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceKinds;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/**
 * {@code chipset_device_handle:pcie_root_complex}: a {@link PcieRootComplex} whose
 * {@code pciHost()} attaches PCI functions. Needs the VM's {@code ChipsetServices} input (guest
 * memory for the automatic 64-bit window, interrupt lines, MSI, the MMIO mapper).
 */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=chipset_device_handle", "vmm.resource.id=pcie_root_complex"})
public final class PcieRootComplexResolver implements ResourceResolver<PcieRootComplexHandle, ChipsetDevice> {
    static final String ID = "pcie_root_complex";

    @Override
    public Class<PcieRootComplexHandle> handleType() {
        return PcieRootComplexHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(PcieRootComplexHandle handle, ResolveContext ctx) throws ResolveException {
        ChipsetServices services = ctx.input(ChipsetServices.class).orElseThrow(() -> ResolveException.failed(
                ResourceKinds.CHIPSET_DEVICE_HANDLE, ID, ctx.path(),
                "no ChipsetServices input (chipset devices are resolved by the VM worker)"));
        try {
            HostLayout layout = HostLayout.of(handle, services.memory().layout());
            return new PcieRootComplex(handle, layout, services.mmioMapper(), services.msi(),
                    services::lineInterrupt);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ResolveException.failed(ResourceKinds.CHIPSET_DEVICE_HANDLE, ID, ctx.path(), e);
        }
    }
}
