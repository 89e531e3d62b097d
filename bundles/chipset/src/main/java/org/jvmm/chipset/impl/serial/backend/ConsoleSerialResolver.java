package org.jvmm.chipset.impl.serial.backend;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import org.jvmm.chipset.serial.ConsoleInput;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.vm.config.ConsoleSerialHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code serial_handle:console}: this process's stdout and stdin. When the system property
 * {@value #STDIN_PROPERTY} is {@code false} at resolve time, stdin is left alone (the jvmm CLI sets
 * it so while its interactive Gogo shell owns the terminal) and the port only writes stdout.
 *
 * <p>When the port reads stdin and stdin and stdout are a terminal, the terminal is in raw mode
 * until the backend closes or the JVM exits ({@link RawTerminal}). Ctrl-Q typed then is the
 * user's way out: it goes to the {@code java.lang.Runnable} service registered with the property
 * {@value #ESCAPE_PROPERTY}{@code =}{@value #ESCAPE_CTRL_Q} (the jvmm CLI registers one that stops
 * the VM), run on the input thread after the terminal is restored; without such a service Ctrl-Q
 * goes to the guest. Input that is not a terminal is passed on unchanged.
 *
 * <p>While the shell owns the terminal, the port's input is what the shell's {@code vm:console}
 * types through this component's {@link ConsoleInput} service (the most recently resolved open
 * port takes it).
 */
@Component(service = {ResourceResolver.class, ConsoleInput.class},
        property = {"vmm.resource.kind=serial_handle", "vmm.resource.id=console"})
public final class ConsoleSerialResolver implements ResourceResolver<ConsoleSerialHandle, SerialBackend>, ConsoleInput {
    /** {@code false}: the console backend does not read stdin; anything else (or unset): it does. */
    public static final String STDIN_PROPERTY = "jvmm.console.stdin";
    /** The service property marking the {@code Runnable} that handles Ctrl-Q on the console. */
    public static final String ESCAPE_PROPERTY = "jvmm.console.escape";
    public static final String ESCAPE_CTRL_Q = "ctrl-q";

    @Reference(service = Runnable.class, target = "(" + ESCAPE_PROPERTY + "=" + ESCAPE_CTRL_Q + ")",
            cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Runnable escape;
    private volatile ShellConsoleBackend shellConsole;

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
                ? ConsoleBackend.stdio(rawTerminal(System.err), () -> Optional.ofNullable(escape)).start()
                : shellConsole();
    }

    private ShellConsoleBackend shellConsole() {
        ShellConsoleBackend[] made = new ShellConsoleBackend[1];
        made[0] = ShellConsoleBackend.stdout(() -> {
            if (shellConsole == made[0]) {
                shellConsole = null;
            }
        });
        shellConsole = made[0];
        return made[0];
    }

    @Override
    public boolean available() {
        ShellConsoleBackend c = shellConsole;
        return c != null && !c.isClosed();
    }

    @Override
    public boolean type(byte[] bytes, int offset, int length) throws InterruptedException {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        ShellConsoleBackend c = shellConsole;
        return c != null && c.type(bytes, offset, length);
    }

    /** Whether a console backend resolved now reads stdin ({@value #STDIN_PROPERTY}). */
    static boolean readsStdin() {
        return !"false".equalsIgnoreCase(System.getProperty(STDIN_PROPERTY));
    }

    /** Whether stdin and stdout are a terminal (a console exists and is one). */
    static boolean onTerminal() {
        return System.console() != null && System.console().isTerminal();
    }

    /** The terminal in raw mode; empty (input stays line-buffered) off a terminal or when stty fails. */
    private static Optional<RawTerminal> rawTerminal(PrintStream err) {
        if (!onTerminal()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RawTerminal.enter(Stty.stdin(), RawTerminal.ShutdownHooks.runtime(), err));
        } catch (IOException e) {
            err.println("jvmm: console: cannot put the terminal in raw mode, input stays line-buffered: "
                    + e.getMessage());
            return Optional.empty();
        }
    }
}
