package org.jvmm.chipset.impl.serial.backend;

import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.vm.config.NoneSerialHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code serial_handle:none}: output dropped, no input. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=serial_handle", "vmm.resource.id=none"})
public final class NoneSerialResolver implements ResourceResolver<NoneSerialHandle, SerialBackend> {
    @Override
    public Class<NoneSerialHandle> handleType() {
        return NoneSerialHandle.class;
    }

    @Override
    public Class<SerialBackend> outputType() {
        return SerialBackend.class;
    }

    @Override
    public SerialBackend resolve(NoneSerialHandle handle, ResolveContext ctx) throws ResolveException {
        return new NoneBackend();
    }
}
