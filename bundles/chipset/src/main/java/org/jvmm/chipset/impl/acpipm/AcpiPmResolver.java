package org.jvmm.chipset.impl.acpipm;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.chipset.impl.ChipsetResolveInputs;
import org.jvmm.chipset.resources.AcpiPmHandle;
import org.jvmm.chipset.resources.AcpiPmLayout;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code chipset_device_handle:acpi_pm}: ACPI PM1, PM timer, GPE0 and reset control, SCI on IRQ 9. */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=chipset_device_handle", "vmm.resource.id=acpi_pm"})
public final class AcpiPmResolver implements ResourceResolver<AcpiPmHandle, ChipsetDevice> {
    @Override
    public Class<AcpiPmHandle> handleType() {
        return AcpiPmHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(AcpiPmHandle handle, ResolveContext ctx) throws ResolveException {
        ChipsetServices services = ChipsetResolveInputs.services(ctx, "acpi_pm");
        AcpiPmDevice device = new AcpiPmDevice(handle.portBase(), services.lineInterrupt(AcpiPmLayout.SCI_IRQ),
                services.clock(), services.power());
        device.setWaker(services.waker(device));
        return device;
    }
}
