package org.jvmm.chipset.impl.debugcon;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.impl.ChipsetResolveInputs;
import org.jvmm.chipset.resources.DebugconHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code chipset_device_handle:debugcon}: a debug console port writing to a serial_handle backend. */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=chipset_device_handle", "vmm.resource.id=debugcon"})
public final class DebugconResolver implements ResourceResolver<DebugconHandle, ChipsetDevice> {
    @Override
    public Class<DebugconHandle> handleType() {
        return DebugconHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(DebugconHandle handle, ResolveContext ctx) throws ResolveException {
        return new DebugconDevice(handle.port(), ChipsetResolveInputs.backend(ctx, handle.backend()));
    }
}
