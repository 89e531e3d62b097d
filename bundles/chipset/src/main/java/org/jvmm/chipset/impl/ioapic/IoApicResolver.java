package org.jvmm.chipset.impl.ioapic;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.impl.ChipsetResolveInputs;
import org.jvmm.chipset.resources.IoApicHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code chipset_device_handle:ioapic}: a 24-pin I/O APIC delivering through the processors' MSI path. */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=chipset_device_handle", "vmm.resource.id=ioapic"})
public final class IoApicResolver implements ResourceResolver<IoApicHandle, ChipsetDevice> {
    @Override
    public Class<IoApicHandle> handleType() {
        return IoApicHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(IoApicHandle handle, ResolveContext ctx) throws ResolveException {
        return new IoApicDevice(handle.baseAddress(), IoApicHandle.PINS, IoApicHandle.VERSION, handle.apicId(),
                ChipsetResolveInputs.services(ctx, "ioapic").cpuInterrupts());
    }
}
