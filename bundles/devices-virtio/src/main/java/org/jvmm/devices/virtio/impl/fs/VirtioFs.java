package org.jvmm.devices.virtio.impl.fs;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.jvmm.devices.virtio.impl.fs.server.FuseServer;
import org.jvmm.inspect.InspectNode;

/**
 * The virtio-fs device: config space is tag[36] (NUL padded) and le32 num_request_queues = 1; queue 0
 * is hiprio, queue 1 the request queue. Requests of both run in order on {@code worker} (one thread:
 * the server relies on it), never on the VP thread that notified.
 */
public final class VirtioFs implements VirtioDevice {
    static final int TAG_SIZE = 36;
    static final int CONFIG_SIZE = TAG_SIZE + 4;
    static final int QUEUES = 2;
    static final int QUEUE_SIZE = 128;
    private static final long RESET_WAIT_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final String tag;
    private final byte[] config = new byte[CONFIG_SIZE];
    private final FuseServer server;
    private final Executor worker;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile List<VirtQueue> queues;
    private volatile long completed;

    /**
     * @param worker runs requests one at a time, in order (a single-thread executor; a direct executor in
     *               tests); shut down by {@link #close()} if it is an {@link ExecutorService}
     */
    public VirtioFs(String tag, FuseServer server, Executor worker) {
        byte[] t = tag.getBytes(StandardCharsets.UTF_8);
        if (t.length == 0 || t.length > TAG_SIZE) {
            throw new IllegalArgumentException("virtio-fs tag of " + t.length + " bytes");
        }
        this.tag = tag;
        System.arraycopy(t, 0, config, 0, t.length);
        config[TAG_SIZE] = 1;
        this.server = server;
        this.worker = worker;
    }

    @Override
    public int deviceId() {
        return VirtioDeviceIds.FS;
    }

    @Override
    public String name() {
        return "virtio-fs";
    }

    @Override
    public long deviceFeatures() {
        return 0;
    }

    @Override
    public int queueCount() {
        return QUEUES;
    }

    @Override
    public int maxQueueSize(int q) {
        return QUEUE_SIZE;
    }

    @Override
    public int configSize() {
        return CONFIG_SIZE;
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
        // the config space is read-only
    }

    @Override
    public void activate(VirtioActivation activation) {
        queues = activation.queues();
    }

    @Override
    public void queueNotify(int q) {
        if (q >= 0 && q < QUEUES && queues != null && drainScheduled.compareAndSet(false, true)) {
            try {
                worker.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false);
                LOG.log(Level.WARNING, "virtio-fs " + tag + ": notify after close ignored");
            }
        }
    }

    /** On the worker: answers every available chain of both queues, hiprio first. */
    private void drain() {
        drainScheduled.set(false);
        List<VirtQueue> qs = queues;
        if (qs == null) {
            return;
        }
        boolean more = true;
        while (more) {
            more = false;
            for (VirtQueue q : qs) {
                Optional<DescriptorChain> c = q.next();
                if (c.isPresent()) {
                    answer(q, c.get());
                    more = true;
                }
            }
        }
    }

    private void answer(VirtQueue q, DescriptorChain chain) {
        int n = (int) Math.min(chain.readableLength(), FuseServer.MAX_REQUEST);
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
        int written = reply == null ? 0 : chain.writer().write(reply, 0, reply.length);
        if (q.complete(chain, written)) {
            completed++;
        }
    }

    /** Forgets the queues and resets the server on the worker, after the request in flight. */
    @Override
    public void reset() {
        queues = null;
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
            LOG.log(Level.WARNING, "virtio-fs " + tag + ": a request is still running after "
                    + RESET_WAIT_SECONDS + " s; the reset follows it");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "virtio-fs " + tag + ": reset failed", e.getCause());
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
