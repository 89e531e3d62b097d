package org.jvmm.vm.worker.impl.graph;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jvmm.vmm.resource.ResolveException;

/**
 * Runs a run-time resolution (a hot-added device, a device coming back with its provider) on a thread
 * of its own with a time limit, so a faulty plugin whose resolver hangs or throws costs the caller an
 * error message, not the VM: the shell and the VM go on, and the hung thread is left interrupted.
 * The limit is {@value #PROPERTY} seconds (default 10).
 */
final class BoundedResolve {
    static final String PROPERTY = "jvmm.resolve.timeout.seconds";

    /** A resolution that may throw the registry's exception. */
    @FunctionalInterface
    interface Resolution<T> {
        T run() throws ResolveException;
    }

    private BoundedResolve() {
    }

    static Duration limit() {
        return Duration.ofSeconds(Math.max(1, Long.getLong(PROPERTY, 10)));
    }

    /**
     * @throws IllegalArgumentException naming {@code what} when the resolver fails, throws or does not
     *                                  answer within the limit
     */
    static <T> T run(String what, Resolution<T> resolution) {
        FutureTask<T> task = new FutureTask<>(resolution::run);
        Thread thread = Thread.ofPlatform().daemon(true).name("jvmm-resolve " + what).start(task);
        Duration limit = limit();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new IllegalArgumentException(what + ": its resolver did not answer within " + limit.toSeconds()
                    + " s (a faulty device bundle?); the device is not added", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ResolveException r) {
                throw new IllegalArgumentException(r.getMessage(), r);
            }
            throw new IllegalArgumentException(what + ": its resolver failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException(what + ": interrupted while resolving", e);
        }
    }
}
