package org.jvmm.chipset.impl.serial.backend;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.vm.config.StderrSerialHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code serial_handle:stderr}: output to this process's stderr, no input. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=serial_handle", "vmm.resource.id=stderr"})
public final class StderrSerialResolver implements ResourceResolver<StderrSerialHandle, SerialBackend> {
    @Override
    public Class<StderrSerialHandle> handleType() {
        return StderrSerialHandle.class;
    }

    @Override
    public Class<SerialBackend> outputType() {
        return SerialBackend.class;
    }

    @Override
    public SerialBackend resolve(StderrSerialHandle handle, ResolveContext ctx) throws ResolveException {
        return new OutputOnlyBackend(new ByteSink(new FileOutputStream(FileDescriptor.err)), false);
    }
}
