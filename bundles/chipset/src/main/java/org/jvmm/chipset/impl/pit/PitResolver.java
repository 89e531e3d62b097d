package org.jvmm.chipset.impl.pit;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.impl.ChipsetResolveInputs;
import org.jvmm.chipset.resources.PitHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code chipset_device_handle:pit}: the 8254 timer and port 0x61. */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=chipset_device_handle", "vmm.resource.id=pit"})
public final class PitResolver implements ResourceResolver<PitHandle, ChipsetDevice> {
    @Override
    public Class<PitHandle> handleType() {
        return PitHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(PitHandle handle, ResolveContext ctx) throws ResolveException {
        return new PitDevice(ChipsetResolveInputs.services(ctx, "pit"));
    }
}
