package org.jvmm.chipset.impl.portsink;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.resources.PortSinkHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code chipset_device_handle:port_sink}: harmless ports such as POST (0x80) and I/O delay (0xED). */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=chipset_device_handle", "vmm.resource.id=port_sink"})
public final class PortSinkResolver implements ResourceResolver<PortSinkHandle, ChipsetDevice> {
    @Override
    public Class<PortSinkHandle> handleType() {
        return PortSinkHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(PortSinkHandle handle, ResolveContext ctx) {
        return new PortSinkDevice(handle.name(), handle.port(), handle.length());
    }
}
