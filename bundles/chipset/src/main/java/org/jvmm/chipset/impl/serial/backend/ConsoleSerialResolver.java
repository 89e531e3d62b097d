package org.jvmm.chipset.impl.serial.backend;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.vm.config.ConsoleSerialHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/**
 * {@code serial_handle:console}: this process's stdout and stdin (plain). When the system property
 * {@value #STDIN_PROPERTY} is {@code false} at resolve time, stdin is left alone (the jvmm CLI sets
 * it so while its interactive Gogo shell owns the terminal) and the port only writes stdout.
 */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=serial_handle", "vmm.resource.id=console"})
public final class ConsoleSerialResolver implements ResourceResolver<ConsoleSerialHandle, SerialBackend> {
    /** {@code false}: the console backend does not read stdin; anything else (or unset): it does. */
    public static final String STDIN_PROPERTY = "jvmm.console.stdin";

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
        return readsStdin()
                ? ConsoleBackend.stdio().start()
                : new OutputOnlyBackend(new ByteSink(new FileOutputStream(FileDescriptor.out)), false);
    }

    /** Whether a console backend resolved now reads stdin ({@value #STDIN_PROPERTY}). */
    static boolean readsStdin() {
        return !"false".equalsIgnoreCase(System.getProperty(STDIN_PROPERTY));
    }
}
