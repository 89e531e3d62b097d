package org.jvmm.devices.virtio.impl.worker;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jvmm.devices.virtio.api.ChainReader;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;

/**
 * Runs a device's drain in order on one worker, never on the VP thread that notified: notifies while a
 * drain is pending coalesce into it. A reset runs on the worker after the request in flight, waiting for
 * it a bounded time.
 */
public final class RequestWorker {
    private static final long RESET_WAIT_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final Executor worker;
    private final String label;
    private final Runnable drain;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    /**
     * @param worker runs tasks one at a time, in order (a single-thread executor; a direct executor in
     *               tests); shut down by {@link #shutdown()} if it is an {@link ExecutorService}
     * @param label  the device in log messages, such as {@code virtio-fs myfs}
     * @param drain  answers every available request; runs on the worker
     */
    public RequestWorker(Executor worker, String label, Runnable drain) {
        this.worker = worker;
        this.label = label;
        this.drain = drain;
    }

    /** A queue notify: schedules a drain unless one is pending; ignored (logged) once the worker is shut down. */
    public void schedule() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                worker.execute(this::runDrain);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false);
                LOG.log(Level.WARNING, label + ": notify after close ignored");
            }
        }
    }

    private void runDrain() {
        drainScheduled.set(false);
        drain.run();
    }

    /** Runs {@code reset} on the worker after the request in flight (here if the worker is shut down). */
    public void reset(Runnable reset) {
        CompletableFuture<Void> f;
        try {
            f = CompletableFuture.runAsync(reset, worker);
        } catch (RejectedExecutionException e) {
            reset.run();
            return;
        }
        try {
            f.get(RESET_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, label + ": a request is still running after "
                    + RESET_WAIT_SECONDS + " s; the reset follows it");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, label + ": reset failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code task} on the worker after the request in flight and returns its result, waiting at
     * most {@code millis} (here if the worker is shut down). A runtime exception of the task is
     * thrown here; a task that has not started when the time is up does not run.
     *
     * @throws TimeoutException when the worker is still busy after {@code millis}
     */
    public <T> T call(Supplier<T> task, long millis) throws TimeoutException {
        CompletableFuture<T> f;
        try {
            f = CompletableFuture.supplyAsync(task, worker);
        } catch (RejectedExecutionException e) {
            return task.get();
        }
        try {
            return f.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(label + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(false);
            throw new TimeoutException(label + ": interrupted while waiting for the worker");
        }
    }

    /** Shuts the worker down if it is an {@link ExecutorService}; later notifies are ignored. */
    public void shutdown() {
        if (worker instanceof ExecutorService es) {
            es.shutdown();
        }
    }

    /** A file server's answer to one request message. */
    @FunctionalInterface
    public interface Server {
        /** The reply to {@code request[0, length)} in at most {@code room} bytes, or null for no reply. */
        byte[] handle(byte[] request, int length, long room);
    }

    /**
     * Answers one chain: its readable bytes (at most {@code maxRequest}) are the request, its writable
     * bytes receive the reply; then completes it. Returns whether the chain was completed.
     */
    public static boolean answer(VirtQueue q, DescriptorChain chain, int maxRequest, Server server) {
        byte[] request = readRequest(chain, maxRequest);
        byte[] reply = server.handle(request, request.length, chain.writableLength());
        int written = reply == null ? 0 : chain.writer().write(reply, 0, reply.length);
        return q.complete(chain, written);
    }

    /** The first {@code max} (at most) device-readable bytes of {@code chain}: one request message. */
    private static byte[] readRequest(DescriptorChain chain, int max) {
        int n = (int) Math.min(chain.readableLength(), max);
        byte[] request = new byte[n];
        ChainReader reader = chain.reader();
        int got = 0;
        while (got < n) {
            int r = reader.read(request, got, n - got);
            if (r <= 0) {
                break;
            }
            got += r;
        }
        return got == n ? request : Arrays.copyOf(request, got);
    }
}
