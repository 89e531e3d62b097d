package org.jvmm.chipset.impl.fwcfg;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.chipset.impl.ChipsetResolveInputs;
import org.jvmm.chipset.resources.FwCfgHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code chipset_device_handle:fw_cfg}: QEMU's fw_cfg serving the {@link FwCfgItems} input. */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=chipset_device_handle", "vmm.resource.id=fw_cfg"})
public final class FwCfgResolver implements ResourceResolver<FwCfgHandle, ChipsetDevice> {
    @Override
    public Class<FwCfgHandle> handleType() {
        return FwCfgHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(FwCfgHandle handle, ResolveContext ctx) throws ResolveException {
        FwCfgItems items = ctx.input(FwCfgItems.class).orElseThrow(() -> ResolveException.failed(
                "chipset_device_handle", "fw_cfg", ctx.path(), "no FwCfgItems input (the boot loader provides it)"));
        return new FwCfgDevice(items, ChipsetResolveInputs.services(ctx, "fw_cfg").memory());
    }
}
