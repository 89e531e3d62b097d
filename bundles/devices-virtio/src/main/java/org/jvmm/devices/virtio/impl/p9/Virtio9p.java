package org.jvmm.devices.virtio.impl.p9;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;
import org.jvmm.devices.virtio.api.VirtioActivation;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.api.VirtioDeviceIds;
import org.jvmm.devices.virtio.impl.configspace.ConfigBytes;
import org.jvmm.devices.virtio.impl.hostfs.ShareStateUnit;
import org.jvmm.devices.virtio.impl.p9.server.P9Server;
import org.jvmm.devices.virtio.impl.p9.server.P9Session;
import org.jvmm.devices.virtio.impl.worker.RequestWorker;
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
    /** How long a save or restore waits for the request in flight on the worker. */

    private final String tag;
    private final byte[] config;
    private final P9Server server;
    private final RequestWorker worker;
    private volatile VirtQueue queue;
    private volatile long completed;

    /**
     * @param worker runs requests one at a time, in order (a single-thread executor; a direct executor in
     *               tests); shut down by {@link #close()} if it is an
     *               {@link java.util.concurrent.ExecutorService}
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
        this.worker = new RequestWorker(worker, "virtio-9p " + tag, this::drain);
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
        return ConfigBytes.read(config, offset, size);
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
        if (q == 0 && queue != null) {
            worker.schedule();
        }
    }

    /** On the worker: answers every available chain. */
    private void drain() {
        VirtQueue q = queue;
        if (q == null) {
            return;
        }
        for (Optional<DescriptorChain> c = q.next(); c.isPresent(); c = q.next()) {
            answer(q, c.get());
        }
    }

    private void answer(VirtQueue q, DescriptorChain chain) {
        if (RequestWorker.answer(q, chain, server.maxRequest(), server::handle)) {
            completed++;
        }
    }

    /**
     * Unit {@code virtio.9p}: the tag (checked on restore) and the 9P session: Tversion done and its
     * msize, every fid with its path (a mounted share holds its root fid), the qid prefixes of host
     * file systems. Open files cannot be saved (a host file descriptor is not part of a snapshot):
     * saving refuses while a fid has a file or directory open. Both run on the worker, after the
     * request in flight.
     */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new ShareStateUnit<>("virtio.9p", "virtio-9p", tag, worker, server::openFids,
                server::savedSession, server::restoreSession, P9Session::write, P9Session::read));
    }

    /** Closes the queue for the device and resets the server on the worker, after the request in flight. */
    @Override
    public void reset() {
        queue = null;
        worker.reset(server::reset);
    }

    @Override
    public void close() {
        reset();
        worker.shutdown();
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("tag", tag).field("completed", completed);
        node.child("server", server);
    }
}
