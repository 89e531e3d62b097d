package org.jvmm.cli.impl.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShellRunnerTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final ThreadIOImpl threadIo = new ThreadIOImpl();
    private CommandProcessorImpl processor;

    @BeforeEach
    void startGogo() {
        threadIo.start();
        processor = new CommandProcessorImpl(threadIo);
    }

    @AfterEach
    void stopGogo() {
        processor.stop();
        threadIo.stop();
    }

    @Test
    void goshRunsOnTheTerminalPutInTheSession() throws Exception {
        AtomicReference<String> typed = new AtomicReference<>();
        FakeGosh gosh = new FakeGosh(session -> {
            session.getConsole().print("jvmm> ");
            session.getConsole().flush();
            typed.set(firstLine(session.getKeyboard()));
        }, false);
        AtomicReference<Terminal> opened = new AtomicReference<>();
        ShellRunner runner = new ShellRunner(processor, gosh, () -> {
            opened.set(terminal(new ByteArrayInputStream("vm:status\n".getBytes(StandardCharsets.UTF_8))));
            return opened.get();
        });
        assertTrue(runner.run(errStream));
        assertSame(opened.get(), gosh.terminal);
        assertArrayEquals(new String[] {"--login", "--noshutdown"}, gosh.args);
        assertEquals("vm:status", typed.get());
        assertEquals("jvmm> ", screen.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    /** A stand-in for the shell bundle's {@code vm:console}. */
    public static final class Console {
        final AtomicReference<Object> sawTerminal = new AtomicReference<>();
        volatile boolean goshRanBefore;

        public Object console(org.apache.felix.service.command.CommandSession session) {
            sawTerminal.set(session.get(ShellRunner.VAR_TERMINAL));
            return "[jvmm] back in the shell";
        }
    }

    @Test
    void withConsoleFirstTheGuestConsoleComesBeforeTheShell() throws Exception {
        Console console = new Console();
        processor.addCommand("vm", console, "console");
        AtomicBoolean goshRan = new AtomicBoolean();
        FakeGosh gosh = new FakeGosh(session -> {
            console.goshRanBefore = console.sawTerminal.get() == null;
            goshRan.set(true);
        }, false);
        AtomicReference<Terminal> opened = new AtomicReference<>();
        ShellRunner runner = new ShellRunner(processor, gosh, () -> {
            opened.set(terminal(new ByteArrayInputStream(new byte[0])));
            return opened.get();
        }, true);
        assertTrue(runner.run(errStream));
        assertSame(opened.get(), console.sawTerminal.get(), "vm:console runs on the shell's terminal");
        assertTrue(goshRan.get());
        assertFalse(console.goshRanBefore, "vm:console ran before gosh");
        assertTrue(screen.toString(StandardCharsets.UTF_8).contains("[jvmm] back in the shell"), screen.toString());
    }

    @Test
    void startsOnTheConsoleOnlyWithAConsolePortAndNotPaused() {
        org.jvmm.vm.config.VmConfig.Builder b = org.jvmm.vm.config.VmConfig.builder();
        assertFalse(VmLauncher.startOnConsole(b.build()));
        b.serial(new org.jvmm.vm.config.SerialPortConfig(0, new org.jvmm.vm.config.ConsoleSerialHandle()));
        assertTrue(VmLauncher.startOnConsole(b.build()));
        assertFalse(VmLauncher.startOnConsole(b.paused(true).build()));
    }

    @Test
    void theTerminalIsClosedWhenTheShellEnds() {
        AtomicBoolean closed = new AtomicBoolean();
        ShellRunner runner = new ShellRunner(processor, new FakeGosh(s -> { }, false), () -> {
            DumbTerminal t = terminal(new ByteArrayInputStream(new byte[0]));
            t.setOnClose(() -> closed.set(true));
            return t;
        });
        assertTrue(runner.run(errStream));
        assertTrue(closed.get(), "terminal closed");
    }

    @Test
    void aFailingShellIsOneLineOnStderr() {
        ShellRunner.Gosh broken = new ShellRunner.Gosh() {
            @Override
            public Object gosh(org.apache.felix.service.command.CommandSession session, String[] args)
                    throws Exception {
                throw new IllegalStateException("no profile\n  at line 3");
            }

            @Override
            public void stop() {
            }
        };
        ShellRunner runner = new ShellRunner(processor, broken,
                () -> terminal(new ByteArrayInputStream(new byte[0])));
        assertFalse(runner.run(errStream));
        assertEquals("jvmm: shell: no profile at line 3\n", lines(err));
    }

    @Test
    void aTerminalThatCannotBeOpenedIsOneLineOnStderr() {
        ShellRunner runner = new ShellRunner(processor, new FakeGosh(s -> { }, false), () -> {
            throw new IOException("not a tty");
        });
        assertFalse(runner.run(errStream));
        assertEquals("jvmm: shell: not a tty\n", lines(err));
    }

    @Test
    void stopInterruptsAShellWaitingForInput() throws Exception {
        FakeGosh gosh = new FakeGosh(s -> { }, true);
        ShellRunner runner = new ShellRunner(processor, gosh, this::idleTerminal);
        CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(() -> runner.run(errStream));
        awaitTerminal(gosh);
        assertTrue(runner.stop(5000));
        assertTrue(run.get(5, TimeUnit.SECONDS));
        assertTrue(gosh.inputInterrupts.get() >= 1, "the wait for input was interrupted");
    }

    @Test
    void stopLetsTheRunningCommandFinish() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        processor.addCommand("test", new Object() {
            @SuppressWarnings("unused")
            public String quit() {
                started.countDown();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                return "done";
            }
        }, "quit");
        FakeGosh gosh = new FakeGosh(session -> {
            try {
                session.execute("test:quit");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, true);
        ShellRunner runner = new ShellRunner(processor, gosh, this::idleTerminal);
        CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(() -> runner.run(errStream));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertTrue(runner.stop(5000));
        assertTrue(run.get(5, TimeUnit.SECONDS));
        assertFalse(interrupted.get(), "the command that stopped the framework runs to its end");
        assertEquals(0, gosh.inputInterrupts.get());
    }

    @Test
    void aCtrlCThatArrivesAsTheShellEndsDoesNotLeakOut() throws Exception {
        ShellRunner.Gosh endsAsInterrupted = new ShellRunner.Gosh() {
            private final CountDownLatch stopped = new CountDownLatch(1);

            @Override
            public Object gosh(org.apache.felix.service.command.CommandSession session, String[] args) {
                Terminal t = (Terminal) session.get(ShellRunner.VAR_TERMINAL);
                Thread reader = Thread.currentThread();
                Terminal.SignalHandler previous = t.handle(Terminal.Signal.INT, sig -> reader.interrupt());
                while (stopped.getCount() > 0 || !reader.isInterrupted()) {
                    Thread.onSpinWait();
                }
                t.handle(Terminal.Signal.INT, previous);
                return null;
            }

            @Override
            public void stop() {
                stopped.countDown();
            }
        };
        ShellRunner runner = new ShellRunner(processor, endsAsInterrupted, this::idleTerminal);
        CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(
                () -> runner.run(errStream) && !Thread.currentThread().isInterrupted());
        Thread.sleep(50);
        assertTrue(runner.stop(5000));
        assertTrue(run.get(5, TimeUnit.SECONDS), "ran, and left no interrupt behind");
    }

    private DumbTerminal terminal(InputStream in) {
        try {
            return new DumbTerminal("test", "dumb", in, screen, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A terminal whose input never comes (a pipe nobody writes). */
    private Terminal idleTerminal() throws IOException {
        PipedInputStream in = new PipedInputStream(new PipedOutputStream());
        return terminal(in);
    }

    private static void awaitTerminal(FakeGosh gosh) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (gosh.terminal == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static String firstLine(InputStream in) {
        try {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lines(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
