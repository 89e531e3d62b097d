package org.jvmm.devices.virtio.impl.pmem;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;
import org.jvmm.devices.virtio.api.VirtioActivation;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.api.VirtioDeviceEvents;
import org.jvmm.devices.virtio.api.VirtioDeviceIds;
import org.jvmm.devices.virtio.impl.configspace.ConfigBytes;
import org.jvmm.chipset.api.SaveRefusedException;
import org.jvmm.inspect.InspectNode;

/**
 * The persistent-memory device: config space {@code start} and {@code size} (le64 each) name its
 * region, one request queue takes {@code le32 type} and answers {@code le32 ret}. FLUSH (type 0)
 * makes the file durable on a worker thread (0 on success, 1 on an I/O error); other types get 1. A
 * request without a 4-byte response buffer cannot be answered: the device then needs a reset.
 */
public final class VirtioPmem implements VirtioDevice {
    static final int REQ_TYPE_FLUSH = 0;
    static final int RET_OK = 0;
    static final int RET_EIO = 1;
    private static final int QUEUE_SIZE = 64;
    private static final int CONFIG_SIZE = 16;
    private static final long RESET_WAIT_MILLIS = 10_000;
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final PmemBacking backing;
    private final PmemRegion region;
    private final Runnable release;
    private final FlushWorker flusher;
    private final LongAdder flushes = new LongAdder();
    private final LongAdder flushErrors = new LongAdder();
    private final LongAdder badRequests = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private VirtQueue queue;
    private VirtioDeviceEvents events;

    VirtioPmem(PmemBacking backing, PmemRegion region, Runnable release) {
        this.backing = backing;
        this.region = region;
        this.release = release;
        this.flusher = new FlushWorker("virtio-pmem flush " + backing.path().getFileName());
    }

    /**
     * A device on {@code file} whose region starts at guest-physical {@code start}, not mapped
     * anywhere: the caller routes {@link #region()} (tests, fuzzing, a transport of its own).
     */
    public static VirtioPmem open(Path file, boolean readOnly, long start) throws IOException {
        PmemBacking backing = PmemBacking.open(file, readOnly);
        return new VirtioPmem(backing, new PmemRegion(start, backing), () -> { });
    }

    /** The region's MMIO: guest loads and stores of {@code [start, start + size)}. */
    public MmioIntercept region() {
        return region;
    }

    public long start() {
        return region.range().start();
    }

    public long size() {
        return backing.size();
    }

    @Override
    public int deviceId() {
        return VirtioDeviceIds.PMEM;
    }

    @Override
    public String name() {
        return "virtio-pmem";
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
        return CONFIG_SIZE;
    }

    @Override
    public long readConfig(int offset, int size) {
        ByteBuffer config = ByteBuffer.allocate(CONFIG_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        config.putLong(0, start()).putLong(8, size());
        return ConfigBytes.read(config.array(), offset, size);
    }

    @Override
    public void writeConfig(int offset, int size, long value) {
        // start and size are read-only
    }

    @Override
    public synchronized void activate(VirtioActivation activation) {
        queue = activation.queue(0);
        events = activation.events();
    }

    @Override
    public synchronized void queueNotify(int q) {
        if (q != 0 || queue == null) {
            return;
        }
        for (Optional<DescriptorChain> c = queue.next(); c.isPresent(); c = queue.next()) {
            if (!start(queue, c.get())) {
                return;
            }
        }
    }

    private boolean start(VirtQueue q, DescriptorChain chain) {
        if (chain.writableLength() < 4) {
            events.needsReset("virtio-pmem request without a 4-byte response buffer");
            return false;
        }
        byte[] type = new byte[4];
        if (!chain.reader().readFully(type) || ByteBuffer.wrap(type).order(ByteOrder.LITTLE_ENDIAN).getInt() != REQ_TYPE_FLUSH) {
            badRequests.increment();
            respond(q, chain, RET_EIO);
        } else if (!flusher.submit(() -> respond(q, chain, flush()))) {
            respond(q, chain, RET_EIO);
        }
        return true;
    }

    private int flush() {
        flushes.increment();
        try {
            backing.flush();
            return RET_OK;
        } catch (IOException | RuntimeException e) {
            flushErrors.increment();
            LOG.log(Level.WARNING, "virtio-pmem: flushing " + backing.path() + " failed", e);
            return RET_EIO;
        }
    }

    /** Answers a request on any thread; nothing is published once the queue was closed (device reset). */
    private static void respond(VirtQueue q, DescriptorChain chain, int ret) {
        if (!q.isOpen()) {
            return;
        }
        byte[] b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(ret).array();
        chain.writer().write(b, 0, 4);
        q.complete(chain, 4);
    }

    /**
     * Unit {@code virtio.pmem}, without bytes: the region and its file come from the handle, and the
     * file's contents are not part of the VM's snapshot. Saving first waits, a bounded time, for the
     * flushes in flight to be answered; it refuses if one is still running.
     */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "virtio.pmem";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                if (!flusher.awaitIdle(RESET_WAIT_MILLIS)) {
                    throw new SaveRefusedException("virtio-pmem " + backing.path() + ": " + flusher.inFlight()
                            + " flushes still running after " + RESET_WAIT_MILLIS + " ms; snapshots need them finished");
                }
                return new byte[0];
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                StateCodec.read(this, version, state, in -> { });
            }
        });
    }

    @Override
    public synchronized void reset() {
        queue = null;
        events = null;
        flusher.awaitIdle(RESET_WAIT_MILLIS);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        release.run();
        flusher.close();
        flusher.awaitIdle(RESET_WAIT_MILLIS);
        try {
            backing.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "virtio-pmem: closing " + backing.path() + " failed", e);
        }
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("path", backing.path().toString()).field("read_only", backing.readOnly())
                .hex("start", start()).hex("size", size()).field("file_length", backing.fileLength())
                .field("flushes", flushes.sum()).field("flush_errors", flushErrors.sum())
                .field("bad_requests", badRequests.sum()).field("in_flight", flusher.inFlight())
                .field("mmio_reads", region.reads()).field("mmio_writes", region.writes())
                .field("overlay_pages", backing.overlayPages()).field("dropped_writes", backing.droppedWrites());
    }
}
