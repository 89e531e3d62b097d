package org.jvmm.chipset.impl.pic;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.impl.ChipsetResolveInputs;
import org.jvmm.chipset.resources.PicHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code chipset_device_handle:pic}: the 8259A pair, driving the processors' INTR. */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=chipset_device_handle", "vmm.resource.id=pic"})
public final class PicResolver implements ResourceResolver<PicHandle, ChipsetDevice> {
    @Override
    public Class<PicHandle> handleType() {
        return PicHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(PicHandle handle, ResolveContext ctx) throws ResolveException {
        return new PicDevice(ChipsetResolveInputs.services(ctx, "pic").cpuInterrupts());
    }
}
