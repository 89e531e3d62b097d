package org.jvmm.chipset.impl.serial.backend;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.vm.config.UnixSerialHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code serial_handle:unix}: listens on a Unix-domain socket path for one client at a time (OpenVMM {@code listen=PATH}). */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=serial_handle", "vmm.resource.id=unix"})
public final class UnixSerialResolver implements ResourceResolver<UnixSerialHandle, SerialBackend> {
    @Override
    public Class<UnixSerialHandle> handleType() {
        return UnixSerialHandle.class;
    }

    @Override
    public Class<SerialBackend> outputType() {
        return SerialBackend.class;
    }

    @Override
    public SerialBackend resolve(UnixSerialHandle handle, ResolveContext ctx) throws ResolveException {
        try {
            return SocketBackend.listen(UnixDomainSocketAddress.of(handle.path()));
        } catch (IOException | IllegalArgumentException e) {
            throw ResolveException.failed("serial_handle", "unix", ctx.path(),
                    "cannot listen on " + handle.path() + ": " + e.getMessage());
        }
    }
}
