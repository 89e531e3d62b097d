package org.jvmm.chipset.impl.serial.backend;

import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.vm.config.ConsoleSerialHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code serial_handle:console}: this process's stdout and stdin (plain). */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=serial_handle", "vmm.resource.id=console"})
public final class ConsoleSerialResolver implements ResourceResolver<ConsoleSerialHandle, SerialBackend> {
    @Override
    public Class<ConsoleSerialHandle> handleType() {
        return ConsoleSerialHandle.class;
    }

    @Override
    public Class<SerialBackend> outputType() {
        return SerialBackend.class;
    }

    @Override
    public SerialBackend resolve(ConsoleSerialHandle handle, ResolveContext ctx) throws ResolveException {
        return ConsoleBackend.stdio().start();
    }
}
