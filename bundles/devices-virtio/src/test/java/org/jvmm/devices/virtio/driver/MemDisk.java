package org.jvmm.devices.virtio.driver;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;

/**
 * A disk in a byte array, for tests: completes inline, or on {@code executor} when one is given;
 * records every operation. Checks the Disk contract (whole sectors, inside the disk).
 */
public final class MemDisk implements Disk {
    private final byte[] data;
    private final int sectorSize;
    private final boolean readOnly;
    private final boolean unmap;
    private final byte[] id;
    private final Executor executor;
    private final List<String> ops = new ArrayList<>();
    private boolean closed;
    private int completed;

    public MemDisk(int sectorSize, long sectors, boolean readOnly, boolean unmap, byte[] id, Executor executor) {
        this.data = new byte[Math.toIntExact(sectorSize * sectors)];
        this.sectorSize = sectorSize;
        this.readOnly = readOnly;
        this.unmap = unmap;
        this.id = id;
        this.executor = executor;
    }

    public static MemDisk of(long sectors) {
        return new MemDisk(512, sectors, false, true, null, null);
    }

    public byte[] data() {
        return data;
    }

    public synchronized List<String> ops() {
        return List.copyOf(ops);
    }

    /** Operations whose work has been done (asynchronous ones included). */
    public synchronized int completed() {
        return completed;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    @Override
    public long sectorCount() {
        return data.length / sectorSize;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public Optional<byte[]> diskId() {
        return Optional.ofNullable(id).map(byte[]::clone);
    }

    @Override
    public boolean supportsUnmap() {
        return unmap;
    }

    @Override
    public CompletableFuture<DiskResult> read(long sector, List<MemorySegment> buffers) {
        return run("read " + sector + " " + total(buffers), () -> {
            DiskResult check = check(sector, total(buffers));
            if (check.isOk()) {
                long off = sector * sectorSize;
                for (MemorySegment b : buffers) {
                    MemorySegment.copy(data, (int) off, b, ValueLayout.JAVA_BYTE, 0, (int) b.byteSize());
                    off += b.byteSize();
                }
            }
            return check;
        });
    }

    @Override
    public CompletableFuture<DiskResult> write(long sector, List<MemorySegment> buffers, boolean fua) {
        return run("write " + sector + " " + total(buffers), () -> {
            DiskResult check = readOnly ? DiskResult.of(DiskStatus.READ_ONLY, "read-only") : check(sector, total(buffers));
            if (check.isOk()) {
                long off = sector * sectorSize;
                for (MemorySegment b : buffers) {
                    MemorySegment.copy(b, ValueLayout.JAVA_BYTE, 0, data, (int) off, (int) b.byteSize());
                    off += b.byteSize();
                }
            }
            return check;
        });
    }

    @Override
    public CompletableFuture<DiskResult> flush() {
        return run("flush", DiskResult::ok);
    }

    @Override
    public CompletableFuture<DiskResult> unmap(long sector, long count) {
        return run("unmap " + sector + " " + count, () -> {
            DiskResult check = check(sector, count * sectorSize);
            if (check.isOk()) {
                Arrays.fill(data, (int) (sector * sectorSize), (int) ((sector + count) * sectorSize), (byte) 0);
            }
            return check;
        });
    }

    private CompletableFuture<DiskResult> run(String op, java.util.function.Supplier<DiskResult> action) {
        synchronized (this) {
            ops.add(op);
            if (closed) {
                return CompletableFuture.completedFuture(DiskResult.of(DiskStatus.IO_ERROR, "closed"));
            }
        }
        java.util.function.Supplier<DiskResult> counted = () -> {
            DiskResult r = action.get();
            synchronized (this) {
                completed++;
            }
            return r;
        };
        if (executor == null) {
            return CompletableFuture.completedFuture(counted.get());
        }
        return CompletableFuture.supplyAsync(counted, executor);
    }

    private DiskResult check(long sector, long bytes) {
        if (bytes % sectorSize != 0 || sector < 0 || sector > sectorCount() || bytes / sectorSize > sectorCount() - sector) {
            return DiskResult.of(DiskStatus.OUT_OF_RANGE, "sector " + sector + " bytes " + bytes);
        }
        return DiskResult.ok();
    }

    private static long total(List<MemorySegment> buffers) {
        return buffers.stream().mapToLong(MemorySegment::byteSize).sum();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("bytes", data.length);
    }
}
