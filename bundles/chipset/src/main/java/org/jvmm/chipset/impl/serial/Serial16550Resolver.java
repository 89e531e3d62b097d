package org.jvmm.chipset.impl.serial;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.chipset.impl.ChipsetResolveInputs;
import org.jvmm.chipset.resources.Serial16550Handle;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code chipset_device_handle:serial_16550}: a UART whose backend is resolved as a serial_handle. */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=chipset_device_handle", "vmm.resource.id=serial_16550"})
public final class Serial16550Resolver implements ResourceResolver<Serial16550Handle, ChipsetDevice> {
    @Override
    public Class<Serial16550Handle> handleType() {
        return Serial16550Handle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(Serial16550Handle handle, ResolveContext ctx) throws ResolveException {
        ChipsetServices services = ChipsetResolveInputs.services(ctx, "serial_16550");
        SerialBackend backend = ChipsetResolveInputs.backend(ctx, handle.backend());
        Serial16550Device device = new Serial16550Device(handle.name(), handle.port(), handle.irq(),
                services.lineInterrupt(handle.irq()), services.clock(), backend);
        backend.setWakeListener(services.waker(device)::wake);
        return device;
    }
}
