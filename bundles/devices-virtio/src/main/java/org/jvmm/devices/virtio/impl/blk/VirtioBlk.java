package org.jvmm.devices.virtio.impl.blk;

import static org.jvmm.devices.virtio.impl.blk.BlkSpec.*;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;
import org.jvmm.devices.virtio.api.VirtioActivation;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.api.VirtioDeviceEvents;
import org.jvmm.devices.virtio.api.VirtioDeviceIds;
import org.jvmm.chipset.api.SaveRefusedException;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;

/**
 * The block device. Read-only (by the handle or the disk) offers VIRTIO_BLK_F_RO and fails writes,
 * discards and write-zeroes with IOERR. A request without a 16-byte header or a status byte cannot be
 * answered: the device then needs a reset. Misaligned or out-of-range transfers get IOERR, unknown or
 * unnegotiated types UNSUPP.
 */
public final class VirtioBlk implements VirtioDevice {
    static final int QUEUE_SIZE = 256;
    static final long MAX_DISCARD_SECTORS = 0x7FFF_FFFFL;
    static final long MAX_WRITE_ZEROES_SECTORS = 64L * 1024 * 1024 / SECTOR;
    private static final long RESET_WAIT_MILLIS = 10_000;
    /** How long a save waits for the disk to finish the requests in flight. */
    static final long SAVE_WAIT_MILLIS = 10_000;
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final Disk disk;
    private final boolean readOnly;
    private final int sectorSize;
    private final long capacity;
    private final long features;
    private final BlkConfig config;
    private final InFlight inFlight = new InFlight();
    private final ZeroWriter zeroes;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong completionFailures = new AtomicLong();
    private final long saveWaitMillis;
    private VirtQueue queue;
    private VirtioDeviceEvents events;
    private long negotiated;

    /** @throws IllegalArgumentException if the disk's sector size is not a power of two of at least 512 */
    public VirtioBlk(Disk disk, boolean readOnly) {
        this(disk, readOnly, SAVE_WAIT_MILLIS);
    }

    /** With the time a save waits for requests in flight (tests use a short one). */
    VirtioBlk(Disk disk, boolean readOnly, long saveWaitMillis) {
        this.disk = disk;
        this.saveWaitMillis = saveWaitMillis;
        this.readOnly = readOnly || disk.readOnly();
        this.sectorSize = disk.sectorSize();
        if (sectorSize < SECTOR || (sectorSize & (sectorSize - 1)) != 0) {
            throw new IllegalArgumentException("disk sector size " + sectorSize + " is not a power of two >= 512");
        }
        this.capacity = disk.sectorCount() * (sectorSize / SECTOR);
        long f = 1L << F_SEG_MAX | 1L << F_BLK_SIZE | 1L << F_FLUSH;
        if (this.readOnly) {
            f |= 1L << F_RO;
        } else {
            f |= 1L << F_WRITE_ZEROES;
            if (disk.supportsUnmap()) {
                f |= 1L << F_DISCARD;
            }
        }
        this.features = f;
        this.config = new BlkConfig(capacity, QUEUE_SIZE - 2, sectorSize, MAX_DISCARD_SECTORS, MAX_WRITE_ZEROES_SECTORS);
        this.zeroes = new ZeroWriter(disk);
    }

    @Override
    public int deviceId() {
        return VirtioDeviceIds.BLOCK;
    }

    @Override
    public String name() {
        return "virtio-blk";
    }

    @Override
    public long deviceFeatures() {
        return features;
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
        return BlkConfig.SIZE;
    }

    @Override
    public long readConfig(int offset, int size) {
        return config.read(offset, size);
    }

    @Override
    public void writeConfig(int offset, int size, long value) {
        // no writable field without VIRTIO_BLK_F_CONFIG_WCE
    }

    @Override
    public synchronized void activate(VirtioActivation activation) {
        queue = activation.queue(0);
        events = activation.events();
        negotiated = activation.features();
    }

    @Override
    public synchronized void queueNotify(int q) {
        if (q != 0 || queue == null) {
            return;
        }
        for (Optional<DescriptorChain> c = queue.next(); c.isPresent(); c = queue.next()) {
            if (!start(new BlkRequest(queue, c.get()))) {
                return;
            }
        }
    }

    private boolean start(BlkRequest req) {
        DescriptorChain chain = req.chain();
        if (chain.readableLength() < HEADER || chain.writableLength() < 1) {
            events.needsReset("virtio-blk request without a 16-byte header or a status byte");
            return false;
        }
        byte[] h = new byte[HEADER];
        chain.reader().readFully(h);
        ByteBuffer header = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        requests.incrementAndGet();
        dispatch(header.getInt(0), header.getLong(8), req);
        return true;
    }

    private void dispatch(int type, long sector, BlkRequest req) {
        switch (type) {
            case T_IN -> read(sector, req);
            case T_OUT -> write(sector, req);
            case T_FLUSH -> submit(req, disk::flush, 1);
            case T_GET_ID -> getId(req);
            case T_DISCARD, T_WRITE_ZEROES -> ranges(type, req);
            default -> fail(req, S_UNSUPP);
        }
    }

    private void read(long sector, BlkRequest req) {
        long len = req.chain().writableLength() - 1;
        long first = diskSector(sector, len);
        if (first < 0) {
            fail(req, S_IOERR);
        } else if (len == 0) {
            finish(req, S_OK, 1);
        } else {
            submit(req, () -> disk.read(first, req.chain().writableSlices(0, len)), len + 1);
        }
    }

    private void write(long sector, BlkRequest req) {
        long len = req.chain().readableLength() - HEADER;
        long first = diskSector(sector, len);
        if (readOnly || first < 0) {
            fail(req, S_IOERR);
        } else if (len == 0) {
            finish(req, S_OK, 1);
        } else {
            submit(req, () -> disk.write(first, req.chain().readableSlices(HEADER, len), false), 1);
        }
    }

    private void getId(BlkRequest req) {
        int n = (int) Math.min(req.chain().writableLength() - 1, ID_BYTES);
        byte[] id = new byte[n];
        disk.diskId().ifPresent(b -> System.arraycopy(b, 0, id, 0, Math.min(b.length, n)));
        req.chain().writer().write(id, 0, n);
        finish(req, S_OK, n + 1L);
    }

    /** DISCARD and WRITE_ZEROES: one segment per request (max_*_seg = 1). */
    private void ranges(int type, BlkRequest req) {
        boolean discard = type == T_DISCARD;
        if ((negotiated & 1L << (discard ? F_DISCARD : F_WRITE_ZEROES)) == 0) {
            fail(req, S_UNSUPP);
            return;
        }
        byte[] s = new byte[SEGMENT];
        var reader = req.chain().reader();
        reader.skip(HEADER);
        if (readOnly || req.chain().readableLength() != HEADER + SEGMENT || !reader.readFully(s)) {
            fail(req, S_IOERR);
            return;
        }
        ByteBuffer seg = ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN);
        long count = Integer.toUnsignedLong(seg.getInt(8));
        int flags = seg.getInt(12);
        if ((flags & ~SEGMENT_F_UNMAP) != 0 || discard && flags != 0) {
            fail(req, S_UNSUPP);
            return;
        }
        long first = diskSector(seg.getLong(0), count * SECTOR);
        if (first < 0 || count > (discard ? MAX_DISCARD_SECTORS : MAX_WRITE_ZEROES_SECTORS)) {
            fail(req, S_IOERR);
            return;
        }
        long diskCount = count * SECTOR / sectorSize;
        submit(req, discard ? () -> disk.unmap(first, diskCount) : () -> zeroes.write(first, diskCount), 1);
    }

    /**
     * The disk sector where a transfer of {@code len} bytes at virtio sector {@code sector} starts, or
     * -1 if it is not aligned to the disk's sectors or not inside the disk.
     */
    private long diskSector(long sector, long len) {
        if (len % sectorSize != 0 || sector < 0 || sector > capacity || len / SECTOR > capacity - sector) {
            return -1;
        }
        long offset = sector * SECTOR;
        return offset % sectorSize == 0 ? offset / sectorSize : -1;
    }

    private void submit(BlkRequest req, Supplier<CompletableFuture<DiskResult>> op, long usedOnSuccess) {
        inFlight.begin();
        CompletableFuture<DiskResult> f;
        try {
            f = op.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.completedFuture(DiskResult.of(DiskStatus.IO_ERROR, e.toString()));
        }
        if (f == null) {
            f = CompletableFuture.completedFuture(DiskResult.of(DiskStatus.IO_ERROR, "disk returned no future"));
        }
        f.whenComplete((r, ex) -> {
            try {
                byte status = ex != null || r == null ? S_IOERR : status(r);
                if (status != S_OK) {
                    errors.incrementAndGet();
                }
                finish(req, status, status == S_OK ? usedOnSuccess : 1);
            } finally {
                inFlight.end();
            }
        });
    }

    private void fail(BlkRequest req, byte status) {
        errors.incrementAndGet();
        finish(req, status, 1);
    }

    /** Completes a request on any thread; a failure here is a device bug: logged and counted, not thrown. */
    private void finish(BlkRequest req, byte status, long used) {
        try {
            req.finish(status, used);
        } catch (RuntimeException e) {
            completionFailures.incrementAndGet();
            LOG.log(Level.WARNING, "virtio-blk: completing request " + req.chain() + " failed", e);
        }
    }

    private static byte status(DiskResult r) {
        return switch (r.status()) {
            case OK -> S_OK;
            case UNSUPPORTED -> S_UNSUPP;
            default -> S_IOERR;
        };
    }

    /**
     * Unit {@code virtio.blk}: the disk's geometry (checked on restore: a snapshot belongs with its
     * disk) and the negotiated features. Saving first waits, a bounded time, until the disk has
     * finished every request in flight (their completions are in the used ring then); it refuses
     * if some are still running. The disk's contents are not part of the VM's snapshot.
     */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "virtio.blk";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                if (!inFlight.awaitIdle(saveWaitMillis)) {
                    throw new SaveRefusedException("virtio-blk: " + inFlight.count() + " disk requests still running"
                            + " after " + saveWaitMillis + " ms; snapshots need them finished");
                }
                synchronized (VirtioBlk.this) {
                    return StateCodec.write(out -> {
                        out.writeLong(capacity);
                        out.writeInt(sectorSize);
                        out.writeLong(negotiated);
                    });
                }
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                long[] saved = new long[3];
                StateCodec.read(this, version, state, in -> {
                    saved[0] = in.readLong();
                    saved[1] = in.readInt();
                    saved[2] = in.readLong();
                });
                if (saved[0] != capacity || saved[1] != sectorSize) {
                    throw new StateUnitException("virtio.blk: the snapshot's disk has " + saved[0] + " sectors of "
                            + saved[1] + " bytes, this one " + capacity + " of " + sectorSize);
                }
                synchronized (VirtioBlk.this) {
                    negotiated = saved[2];
                }
            }
        });
    }

    @Override
    public synchronized void reset() {
        queue = null;
        events = null;
        negotiated = 0;
        inFlight.awaitIdle(RESET_WAIT_MILLIS);
    }

    @Override
    public void close() {
        disk.close();
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("capacity_sectors", capacity).field("sector_size", sectorSize).field("read_only", readOnly)
                .hex("features", features).field("requests", requests.get()).field("errors", errors.get())
                .field("in_flight", inFlight.count())
                .field("completion_failures", completionFailures.get());
        node.child("disk", disk);
    }
}
