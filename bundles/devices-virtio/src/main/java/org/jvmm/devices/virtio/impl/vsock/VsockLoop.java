package org.jvmm.devices.virtio.impl.vsock;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The relay thread of one vsock device: waits on the sockets' selector, runs the commands the VP
 * threads post (activate, reset), and services the queues when the driver notifies or a socket is
 * ready. Everything of the relay runs here, so it needs no locks. A failure in one round is counted
 * and logged; the thread goes on.
 */
final class VsockLoop {
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");
    private static final long TICK_MILLIS = 250;

    private final Selector selector;
    private final VsockRelay relay;
    private final VsockStats stats;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean serviceWanted = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean stopping;

    VsockLoop(String name, Selector selector, VsockRelay relay, VsockStats stats) {
        this.selector = selector;
        this.relay = relay;
        this.stats = stats;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Runs {@code command} on the relay thread soon. */
    void post(Runnable command) {
        commands.add(command);
        selector.wakeup();
    }

    /** Runs {@code command} on the relay thread and waits up to {@code millis} for it; true if it ran. */
    boolean runAndWait(Runnable command, long millis) {
        if (Thread.currentThread() == thread) {
            command.run();
            return true;
        }
        CountDownLatch done = new CountDownLatch(1);
        post(() -> {
            try {
                command.run();
            } finally {
                done.countDown();
            }
        });
        try {
            return done.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The driver notified a queue: service the queues soon (cheap when already asked). */
    void wantService() {
        if (serviceWanted.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Stops the thread (closing every connection) and waits up to {@code millis} for it. */
    void stop(long millis) {
        stopping = true;
        selector.wakeup();
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        boolean more = false;
        try {
            while (!stopping) {
                try {
                    if (more || serviceWanted.get()) {
                        selector.selectNow();
                    } else {
                        selector.select(TICK_MILLIS);
                    }
                    more = round();
                } catch (IOException | RuntimeException e) {
                    stats.relayErrors.increment();
                    LOG.log(Level.WARNING, "virtio-vsock relay round failed", e);
                }
            }
        } finally {
            relay.reset();
            try {
                selector.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "virtio-vsock: closing the selector failed", e);
            }
        }
    }

    private boolean round() {
        for (Runnable c = commands.poll(); c != null; c = commands.poll()) {
            c.run();
        }
        Set<SelectionKey> ready = selector.selectedKeys();
        for (SelectionKey key : ready) {
            relay.host().handle(key);
        }
        ready.clear();
        serviceWanted.set(false);
        boolean more = relay.service();
        relay.expire(System.nanoTime());
        return more;
    }
}
