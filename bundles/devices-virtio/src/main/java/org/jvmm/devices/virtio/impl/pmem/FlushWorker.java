package org.jvmm.devices.virtio.impl.pmem;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs flushes off the VP thread, one at a time, and counts them so a reset can wait (bounded). */
final class FlushWorker implements AutoCloseable {
    private final ExecutorService executor;
    private int inFlight;

    FlushWorker(String name) {
        this.executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(name).factory());
    }

    /** Runs {@code work} soon; false if the worker is closed. */
    boolean submit(Runnable work) {
        synchronized (this) {
            inFlight++;
        }
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } finally {
                    done();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            done();
            return false;
        }
    }

    synchronized int inFlight() {
        return inFlight;
    }

    /** Waits until nothing runs or {@code millis} pass; true if idle. */
    synchronized boolean awaitIdle(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return inFlight == 0;
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    private synchronized void done() {
        if (--inFlight == 0) {
            notifyAll();
        }
    }
}
