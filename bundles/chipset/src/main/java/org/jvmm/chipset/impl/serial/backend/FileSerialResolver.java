package org.jvmm.chipset.impl.serial.backend;

import java.io.FileOutputStream;
import java.io.IOException;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.vm.config.FileSerialHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code serial_handle:file}: output appended to a file, no input. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=serial_handle", "vmm.resource.id=file"})
public final class FileSerialResolver implements ResourceResolver<FileSerialHandle, SerialBackend> {
    @Override
    public Class<FileSerialHandle> handleType() {
        return FileSerialHandle.class;
    }

    @Override
    public Class<SerialBackend> outputType() {
        return SerialBackend.class;
    }

    @Override
    public SerialBackend resolve(FileSerialHandle handle, ResolveContext ctx) throws ResolveException {
        try {
            return new OutputOnlyBackend(new ByteSink(new FileOutputStream(handle.path(), true)), true);
        } catch (IOException e) {
            throw ResolveException.failed("serial_handle", "file", ctx.path(),
                    "cannot open " + handle.path() + ": " + e.getMessage());
        }
    }
}
