package org.jvmm.cli.impl.launch;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The jline terminal the interactive shell runs on. */
final class ShellTerminal {
    /** Opens the terminal the shell runs on. */
    @FunctionalInterface
    interface Opener {
        Terminal open() throws IOException;
    }

    /** jline's terminal providers in the order to try them. */
    static final String PROVIDERS = "exec,ffm,jni";

    private ShellTerminal() {
    }

    /**
     * The process's terminal, built as gogo.jline's activator builds it: signals are left to the
     * shell (Ctrl-C interrupts the running command instead of killing jvmm); a dumb terminal,
     * without warning, when stdin or stdout is not a tty.
     *
     * <p>The {@code exec} provider (jline runs {@code stty}) comes first: jline's native providers
     * (ffm, jni) rebuild the termios from their own flag model and so zero the line speed on every
     * mode change, which leaves the terminal at "speed 0 baud" after jvmm exits (a hang-up on a
     * real serial line); {@code stty} changes only the flags it names. The native providers remain
     * the fallback where {@code stty} is missing.
     *
     * <p>jline finds its terminal providers (ffm, jni, exec) through the thread's context class
     * loader, which in the framework does not see the jline bundle; without them every terminal is
     * dumb (no raw mode, no line editing). The build therefore runs with jline's own class loader
     * as the context class loader.
     */
    static Terminal system() throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TerminalBuilder.class.getClassLoader());
        try {
            return TerminalBuilder.builder()
                    .name("jvmm")
                    .system(true)
                    .providers(PROVIDERS)
                    .nativeSignals(true)
                    .signalHandler(Terminal.SignalHandler.SIG_IGN)
                    .dumb(true)
                    .build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
