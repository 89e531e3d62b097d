package org.jvmm.chipset.impl.serial.backend;

import java.io.IOException;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.vm.config.TcpSerialHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code serial_handle:tcp}: listens on host:port for one client at a time. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=serial_handle", "vmm.resource.id=tcp"})
public final class TcpSerialResolver implements ResourceResolver<TcpSerialHandle, SerialBackend> {
    @Override
    public Class<TcpSerialHandle> handleType() {
        return TcpSerialHandle.class;
    }

    @Override
    public Class<SerialBackend> outputType() {
        return SerialBackend.class;
    }

    @Override
    public SerialBackend resolve(TcpSerialHandle handle, ResolveContext ctx) throws ResolveException {
        try {
            return SocketBackend.listen(TcpAddresses.parse(handle.address()));
        } catch (IOException | IllegalArgumentException e) {
            throw ResolveException.failed("serial_handle", "tcp", ctx.path(),
                    "cannot listen on " + handle.address() + ": " + e.getMessage());
        }
    }
}
