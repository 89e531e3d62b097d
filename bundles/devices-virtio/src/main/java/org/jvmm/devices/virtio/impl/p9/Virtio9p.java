package org.jvmm.devices.virtio.impl.p9;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jvmm.devices.virtio.api.ChainReader;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;
import org.jvmm.devices.virtio.api.VirtioActivation;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.api.VirtioDeviceIds;
import org.jvmm.devices.virtio.impl.p9.server.P9Server;
import org.jvmm.inspect.InspectNode;

/**
 * The 9P transport device: config space is tag_len[2] tag[tag_len] (VIRTIO_9P_MOUNT_TAG); each chain's
 * readable bytes are one T-message and its writable bytes receive the R-message. Requests run in order
 * on {@code worker} (one thread: the server relies on it), never on the VP thread that notified.
 */
public final class Virtio9p implements VirtioDevice {
    /** VIRTIO_9P_MOUNT_TAG: the tag is in config space. */
    static final int F_MOUNT_TAG = 0;
    static final int QUEUE_SIZE = 128;
    private static final long RESET_WAIT_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final String tag;
    private final byte[] config;
    private final P9Server server;
    private final Executor worker;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile VirtQueue queue;
    private volatile long completed;

    /**
     * @param worker runs requests one at a time, in order (a single-thread executor; a direct executor in
     *               tests); shut down by {@link #close()} if it is an {@link ExecutorService}
     */
    public Virtio9p(String tag, P9Server server, Executor worker) {
        byte[] t = tag.getBytes(StandardCharsets.UTF_8);
        if (t.length == 0 || t.length > 0xFFFF) {
            throw new IllegalArgumentException("mount tag of " + t.length + " bytes");
        }
        this.tag = tag;
        this.config = new byte[2 + t.length];
        config[0] = (byte) t.length;
        config[1] = (byte) (t.length >>> 8);
        System.arraycopy(t, 0, config, 2, t.length);
        this.server = server;
        this.worker = worker;
    }

    @Override
    public int deviceId() {
        return VirtioDeviceIds.NINE_P;
    }

    @Override
    public String name() {
        return "virtio-9p";
    }

    @Override
    public long deviceFeatures() {
        return 1L << F_MOUNT_TAG;
    }

    @Override
    public int queueCount() {
        return 1;
    }

    @Override
    public int maxQueueSize(int q) {
        return QUEUE_SIZE;
    }

    @Override
    public int configSize() {
        return config.length;
    }

    @Override
    public long readConfig(int offset, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            int at = offset + i;
            v = v << 8 | (at >= 0 && at < config.length ? config[at] & 0xFF : 0);
        }
        return v;
    }

    @Override
    public void writeConfig(int offset, int size, long value) {
        // the tag is read-only
    }

    @Override
    public void activate(VirtioActivation activation) {
        queue = activation.queue(0);
    }

    @Override
    public void queueNotify(int q) {
        if (q == 0 && queue != null && drainScheduled.compareAndSet(false, true)) {
            try {
                worker.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false);
                LOG.log(Level.WARNING, "virtio-9p " + tag + ": notify after close ignored");
            }
        }
    }

    /** On the worker: answers every available chain. */
    private void drain() {
        drainScheduled.set(false);
        VirtQueue q = queue;
        if (q == null) {
            return;
        }
        for (Optional<DescriptorChain> c = q.next(); c.isPresent(); c = q.next()) {
            answer(q, c.get());
        }
    }

    private void answer(VirtQueue q, DescriptorChain chain) {
        int n = (int) Math.min(chain.readableLength(), server.maxRequest());
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
        byte[] reply = server.handle(request, got, chain.writableLength());
        int written = chain.writer().write(reply, 0, reply.length);
        if (q.complete(chain, written)) {
            completed++;
        }
    }

    /** Closes the queue for the device and resets the server on the worker, after the request in flight. */
    @Override
    public void reset() {
        queue = null;
        onWorker(server::reset);
    }

    private void onWorker(Runnable task) {
        CompletableFuture<Void> f;
        try {
            f = CompletableFuture.runAsync(task, worker);
        } catch (RejectedExecutionException e) {
            task.run();
            return;
        }
        try {
            f.get(RESET_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "virtio-9p " + tag + ": a request is still running after "
                    + RESET_WAIT_SECONDS + " s; the reset follows it");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "virtio-9p " + tag + ": reset failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        reset();
        if (worker instanceof ExecutorService es) {
            es.shutdown();
        }
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("tag", tag).field("completed", completed);
        node.child("server", server);
    }
}
