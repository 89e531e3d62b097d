package org.jvmm.chipset.impl.debugexit;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.impl.ChipsetResolveInputs;
import org.jvmm.chipset.resources.DebugExitHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code chipset_device_handle:debug_exit}: QEMU's isa-debug-exit. */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=chipset_device_handle", "vmm.resource.id=debug_exit"})
public final class DebugExitResolver implements ResourceResolver<DebugExitHandle, ChipsetDevice> {
    @Override
    public Class<DebugExitHandle> handleType() {
        return DebugExitHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(DebugExitHandle handle, ResolveContext ctx) throws ResolveException {
        return new DebugExitDevice(handle.port(), handle.length(),
                ChipsetResolveInputs.services(ctx, "debug_exit").power());
    }
}
