package org.jvmm.devices.virtio.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jvmm.devices.virtio.api.ChainReader;
import org.jvmm.devices.virtio.api.ChainWriter;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtioActivation;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.inspect.InspectNode;

/**
 * A loopback device for transport tests (device id 0x7E57): each chain's readable bytes are copied to
 * its writable bytes. Config space is 16 bytes of memory. Records what the transport asked of it and
 * throws from {@link #queueNotify} on demand.
 */
public final class EchoDevice implements VirtioDevice {
    public static final int ID = 0x7E57;

    private final long features;
    private final int queues;
    private final int maxSize;
    private final byte[] config = new byte[16];
    public final List<VirtioActivation> activations = new ArrayList<>();
    public final List<Integer> notifies = new ArrayList<>();
    public int resets;
    public boolean closed;
    public RuntimeException throwOnNotify;

    public EchoDevice(long features, int queues, int maxSize) {
        this.features = features;
        this.queues = queues;
        this.maxSize = maxSize;
        for (int i = 0; i < config.length; i++) {
            config[i] = (byte) (0x10 + i);
        }
    }

    public VirtioActivation activation() {
        return activations.getLast();
    }

    @Override
    public int deviceId() {
        return ID;
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public long deviceFeatures() {
        return features;
    }

    @Override
    public int queueCount() {
        return queues;
    }

    @Override
    public int maxQueueSize(int queue) {
        return maxSize;
    }

    @Override
    public int configSize() {
        return config.length;
    }

    @Override
    public synchronized long readConfig(int offset, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (config[offset + i] & 0xFF);
        }
        return v;
    }

    @Override
    public synchronized void writeConfig(int offset, int size, long value) {
        for (int i = 0; i < size; i++) {
            config[offset + i] = (byte) (value >>> (8 * i));
        }
        activations.stream().reduce((a, b) -> b).ifPresent(a -> a.events().configChanged());
    }

    @Override
    public synchronized void activate(VirtioActivation activation) {
        activations.add(activation);
    }

    @Override
    public synchronized void queueNotify(int queue) {
        notifies.add(queue);
        if (throwOnNotify != null) {
            throw throwOnNotify;
        }
        var q = activation().queue(queue);
        byte[] buf = new byte[256];
        for (Optional<DescriptorChain> c = q.next(); c.isPresent(); c = q.next()) {
            ChainReader r = c.get().reader();
            ChainWriter w = c.get().writer();
            for (int n = r.read(buf, 0, buf.length); n > 0 && w.remaining() > 0; n = r.read(buf, 0, buf.length)) {
                w.write(buf, 0, n);
            }
            q.complete(c.get(), w.position());
        }
    }

    @Override
    public synchronized void reset() {
        resets++;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("notifies", notifies.size());
    }
}
