package org.jvmm.chipset.impl.i8042;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.chipset.impl.ChipsetResolveInputs;
import org.jvmm.chipset.resources.I8042Handle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code chipset_device_handle:i8042}: the keyboard controller on IRQ 1 and 12, with the reset line. */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=chipset_device_handle", "vmm.resource.id=i8042"})
public final class I8042Resolver implements ResourceResolver<I8042Handle, ChipsetDevice> {
    static final int KEYBOARD_IRQ = 1, MOUSE_IRQ = 12;

    @Override
    public Class<I8042Handle> handleType() {
        return I8042Handle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(I8042Handle handle, ResolveContext ctx) throws ResolveException {
        ChipsetServices services = ChipsetResolveInputs.services(ctx, "i8042");
        return new I8042Device(services.lineInterrupt(KEYBOARD_IRQ), services.lineInterrupt(MOUSE_IRQ),
                services.power());
    }
}
