package org.jvmm.devices.virtio.impl.rng;

import java.util.Optional;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import java.util.Random;
import org.jvmm.devices.virtio.api.ChainWriter;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;
import org.jvmm.devices.virtio.api.VirtioActivation;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.api.VirtioDeviceIds;
import org.jvmm.inspect.InspectNode;

/**
 * The entropy device: one request queue; each chain's writable bytes (at most {@value #MAX_REQUEST}
 * per request, as the spec lets the device return fewer) are filled with random bytes. No features,
 * no config space.
 */
public final class VirtioRng implements VirtioDevice {
    /** The most bytes given for one request. */
    static final int MAX_REQUEST = 64 * 1024;
    private static final int QUEUE_SIZE = 64;

    private final Random random;
    private final byte[] buffer = new byte[4096];
    private VirtQueue queue;
    private long requests;
    private long bytes;

    /** @param random the entropy source: a SecureRandom in the VMM, a seeded Random in tests */
    public VirtioRng(Random random) {
        this.random = random;
    }

    @Override
    public int deviceId() {
        return VirtioDeviceIds.ENTROPY;
    }

    @Override
    public String name() {
        return "virtio-rng";
    }

    @Override
    public long deviceFeatures() {
        return 0;
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
        return 0;
    }

    @Override
    public long readConfig(int offset, int size) {
        return 0;
    }

    @Override
    public void writeConfig(int offset, int size, long value) {
        // no config space
    }

    @Override
    public synchronized void activate(VirtioActivation activation) {
        queue = activation.queue(0);
    }

    @Override
    public synchronized void queueNotify(int q) {
        if (q != 0 || queue == null) {
            return;
        }
        for (Optional<DescriptorChain> c = queue.next(); c.isPresent(); c = queue.next()) {
            queue.complete(c.get(), fill(c.get().writer()));
        }
    }

    private long fill(ChainWriter writer) {
        long want = Math.min(writer.remaining(), MAX_REQUEST);
        long done = 0;
        while (done < want) {
            random.nextBytes(buffer);
            done += writer.write(buffer, 0, (int) Math.min(buffer.length, want - done));
        }
        requests++;
        bytes += done;
        return done;
    }

    /** Unit {@code virtio.rng}: its counters; each request is answered before its notify returns. */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "virtio.rng";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                synchronized (VirtioRng.this) {
                    return StateCodec.write(out -> {
                        out.writeLong(requests);
                        out.writeLong(bytes);
                    });
                }
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                synchronized (VirtioRng.this) {
                    StateCodec.read(this, version, state, in -> {
                        requests = in.readLong();
                        bytes = in.readLong();
                    });
                }
            }
        });
    }

    @Override
    public synchronized void reset() {
        queue = null;
    }

    @Override
    public void close() {
        // nothing held on the host
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.field("requests", requests).field("bytes", bytes);
    }
}
