package org.jvmm.devices.virtio.impl.fs;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.jvmm.devices.virtio.impl.fs.server.FuseServer;
import org.jvmm.devices.virtio.impl.fs.server.FuseSession;
import org.jvmm.devices.virtio.impl.worker.RequestWorker;
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
    /** How long a save or restore waits for the request in flight on the worker. */

    private final String tag;
    private final byte[] config = new byte[CONFIG_SIZE];
    private final FuseServer server;
    private final RequestWorker worker;
    private volatile List<VirtQueue> queues;
    private volatile long completed;

    /**
     * @param worker runs requests one at a time, in order (a single-thread executor; a direct executor in
     *               tests); shut down by {@link #close()} if it is an
     *               {@link java.util.concurrent.ExecutorService}
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
        this.worker = new RequestWorker(worker, "virtio-fs " + tag, this::drain);
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
        return ConfigBytes.read(config, offset, size);
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
        if (q >= 0 && q < QUEUES && queues != null) {
            worker.schedule();
        }
    }

    /** On the worker: answers every available chain of both queues, hiprio first. */
    private void drain() {
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
        if (RequestWorker.answer(q, chain, FuseServer.MAX_REQUEST, server::handle)) {
            completed++;
        }
    }

    /**
     * Unit {@code virtio.fs}: the tag (checked on restore) and the FUSE session: INIT done, the node
     * ids the guest kernel holds with their paths and lookup counts, the next node id and file
     * handle. Open files cannot be saved (a host file descriptor is not part of a snapshot): saving
     * refuses while the guest has any open. Both run on the worker, after the request in flight.
     */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new ShareStateUnit<>("virtio.fs", "virtio-fs", tag, worker, server::openHandles,
                server::session, server::restoreSession, FuseSession::write, FuseSession::read));
    }

    /** Forgets the queues and resets the server on the worker, after the request in flight. */
    @Override
    public void reset() {
        queues = null;
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
