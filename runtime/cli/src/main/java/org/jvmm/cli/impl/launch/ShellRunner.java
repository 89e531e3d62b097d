package org.jvmm.cli.impl.launch;

import java.io.IOError;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.jline.terminal.Terminal;

/**
 * The interactive Gogo shell on the terminal: gogo.jline's {@code gosh --login --noshutdown} in a
 * session of the {@link CommandProcessor}. It returns when the user types {@code exit} or Ctrl-D,
 * or when {@link #stop} is called (the framework is stopping, as after {@code vm:quit}), and
 * leaves stopping the framework to the launcher.
 *
 * <p>This does what gogo.jline's own activator does for its console: it opens the terminal
 * ({@link ShellTerminal}), creates the session on the terminal's streams, puts the terminal in the
 * session variable {@value #VAR_TERMINAL} (where {@code gosh} looks for it) and calls
 * {@code gosh} directly, not through {@code session.execute}: run as a command, {@code gosh}
 * would be the session's foreground job and wait for itself after the first command. The
 * terminal is closed, and its modes restored, when the shell ends.
 *
 * <p>Terminal sharing: while the interactive shell runs, the Gogo shell owns the terminal's input.
 * The {@code console} serial backend still writes guest output to stdout but does not read stdin
 * (the launcher says so before the VM is built, see {@link ConsoleInput}); the shell's
 * {@code vm:console} passes the terminal's keys to it until Ctrl-Q, and the shell starts with it
 * when the VM has a console port (OpenVMM's Ctrl-Q switch between the serial console and the
 * REPL). With {@code --no-shell} the console backend reads stdin itself (in raw mode on a
 * terminal, with Ctrl-Q stopping the VM: see {@link ConsoleEscape}).
 */
final class ShellRunner {
    static final String[] GOSH_ARGS = {"--login", "--noshutdown"};
    static final String CONSOLE_COMMAND = "vm:console";
    /** gogo.jline's session variable for the terminal. */
    static final String VAR_TERMINAL = Shell.VAR_TERMINAL;
    private static final long STOP_POLL_MILLIS = 50;

    /** gogo.jline's {@code Shell}: its {@code gosh} command and its {@code stop}. */
    interface Gosh {
        Object gosh(CommandSession session, String[] args) throws Exception;

        /** Makes every running {@code gosh} loop end after its current line. */
        void stop();

        static Gosh of(Shell shell) {
            return new Gosh() {
                @Override
                public Object gosh(CommandSession session, String[] args) throws Exception {
                    return shell.gosh(session, args);
                }

                @Override
                public void stop() {
                    shell.stop();
                }
            };
        }
    }

    private final CommandProcessor processor;
    private final Gosh gosh;
    private final ShellTerminal.Opener terminals;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Terminal terminal;
    private volatile CommandSession session;
    private final boolean consoleFirst;

    ShellRunner(CommandProcessor processor, Gosh gosh, ShellTerminal.Opener terminals) {
        this(processor, gosh, terminals, false);
    }

    /**
     * With {@code consoleFirst} the terminal starts on the guest's serial console ({@code vm:console},
     * as OpenVMM starts): Ctrl-Q then opens the shell.
     */
    ShellRunner(CommandProcessor processor, Gosh gosh, ShellTerminal.Opener terminals, boolean consoleFirst) {
        this.processor = processor;
        this.gosh = gosh;
        this.terminals = terminals;
        this.consoleFirst = consoleFirst;
    }

    /** Runs the shell until it ends; false (with a line on {@code err}) when it failed. */
    boolean run(PrintStream err) {
        try (Terminal t = terminals.open();
             CommandSession s = processor.createSession(t.input(), t.output(), t.output())) {
            s.put(VAR_TERMINAL, t);
            session = s;
            terminal = t;
            try {
                if (consoleFirst) {
                    attachConsole(s, t);
                }
                gosh.gosh(s, GOSH_ARGS.clone());
            } finally {
                clearStrayInterrupt();
            }
            t.flush();
            return true;
        } catch (Exception | IOError e) {
            err.println("jvmm: shell: " + oneLine(e));
            return false;
        } finally {
            terminal = null;
            session = null;
            ended.countDown();
        }
    }

    /** Runs {@value #CONSOLE_COMMAND} and prints what it says when it returns (Ctrl-Q or the VM's end). */
    private static void attachConsole(CommandSession s, Terminal t) throws Exception {
        Object said = s.execute(CONSOLE_COMMAND);
        if (said != null) {
            t.writer().println(said);
            t.flush();
        }
    }

    /**
     * Ends a running shell from another thread and waits up to {@code millis} for {@link #run} to
     * return (its terminal closed and restored). The shell loop is told to stop, so it ends after
     * the command it is running (which may be the one that stopped the framework, like
     * {@code vm:quit}); while no command runs, the line reader waiting for input is interrupted
     * (as by Ctrl-C). True when the shell has ended.
     */
    boolean stop(long millis) throws InterruptedException {
        gosh.stop();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        do {
            Terminal t = terminal;
            CommandSession s = session;
            if (t != null && s != null && s.foregroundJob() == null) {
                t.raise(Terminal.Signal.INT);
            }
            if (ended.await(STOP_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } while (System.nanoTime() < deadline);
        return false;
    }

    /**
     * A Ctrl-C sent by {@link #stop} interrupts this thread through the line reader's handler; one
     * sent just as the reader returned a line is left pending and would break the launcher's wait
     * for the framework to stop. Once {@code gosh} has returned its handlers are gone, so no
     * interrupt of this thread can be meant for anything still running.
     */
    private static void clearStrayInterrupt() {
        Thread.interrupted();
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replaceAll("\\s*\\R\\s*", " ");
    }
}
