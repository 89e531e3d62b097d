package org.jvmm.cli.impl.launch;

import java.io.InputStream;
import java.io.PrintStream;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/**
 * The interactive Gogo shell on the terminal: a session of the {@link CommandProcessor} running
 * {@code gosh --login --noshutdown} (from gogo.jline, or gogo.shell), which returns when the user
 * types {@code exit} and leaves stopping the framework to the launcher.
 */
final class ShellRunner {
    static final String COMMAND = "gosh --login --noshutdown";

    private ShellRunner() {
    }

    /** Runs the shell until it ends; false (with a line on {@code err}) when it failed. */
    static boolean run(CommandProcessor processor, InputStream in, PrintStream out, PrintStream err) {
        try (CommandSession session = processor.createSession(in, out, err)) {
            session.execute(COMMAND);
            return true;
        } catch (Exception e) {
            err.println("jvmm: shell: " + oneLine(e));
            return false;
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replaceAll("\\s*\\R\\s*", " ");
    }
}
