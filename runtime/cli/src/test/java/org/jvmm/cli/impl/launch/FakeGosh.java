package org.jvmm.cli.impl.launch;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.jline.terminal.Terminal;

/**
 * Stands in for gogo.jline's {@code Shell}: runs {@code body} on the session, then returns (as on
 * Ctrl-D) or, with {@code untilStopped}, waits for input like its line loop until it is told to
 * stop. Ctrl-C (SIGINT on the terminal) interrupts the
 * foreground job if there is one, else the wait for input, as gogo.jline and jline do.
 */
final class FakeGosh implements ShellRunner.Gosh {
    private final Consumer<CommandSession> body;
    private final boolean untilStopped;
    final CountDownLatch stopped = new CountDownLatch(1);
    final AtomicInteger inputInterrupts = new AtomicInteger();
    volatile Object terminal;
    volatile String[] args;

    FakeGosh(Consumer<CommandSession> body, boolean untilStopped) {
        this.body = body;
        this.untilStopped = untilStopped;
    }

    @Override
    public Object gosh(CommandSession session, String[] args) throws Exception {
        this.args = args;
        Terminal t = (Terminal) session.get(ShellRunner.VAR_TERMINAL);
        terminal = t;
        Thread reader = Thread.currentThread();
        t.handle(Terminal.Signal.INT, s -> {
            Job job = session.foregroundJob();
            if (job != null) {
                job.interrupt();
            } else {
                reader.interrupt();
            }
        });
        body.accept(session);
        while (untilStopped && stopped.getCount() > 0) {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                inputInterrupts.incrementAndGet();
            }
        }
        return null;
    }

    @Override
    public void stop() {
        stopped.countDown();
    }
}
