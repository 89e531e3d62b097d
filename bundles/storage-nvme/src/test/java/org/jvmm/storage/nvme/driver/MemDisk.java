package org.jvmm.storage.nvme.driver;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;

/**
 * A disk in a byte array that records what it is asked: FUA writes, flushes, unmaps. Requests
 * complete on the caller's thread, or on {@code executor} when one is set.
 */
public final class MemDisk implements Disk {
    public final byte[] data;
    public final List<String> log = Collections.synchronizedList(new ArrayList<>());
    public volatile boolean closed;
    public volatile DiskStatus failWith;
    public volatile Executor executor;
    private final int sectorSize;
    private final boolean readOnly;
    private final boolean unmap;

    public MemDisk(int sectorSize, long sectors, boolean readOnly, boolean unmap) {
        this.sectorSize = sectorSize;
        this.data = new byte[(int) (sectors * sectorSize)];
        this.readOnly = readOnly;
        this.unmap = unmap;
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
    public boolean supportsUnmap() {
        return unmap;
    }

    @Override
    public CompletableFuture<DiskResult> read(long sector, List<MemorySegment> buffers) {
        return run(() -> {
            long at = sector * sectorSize;
            for (MemorySegment b : buffers) {
                MemorySegment.copy(MemorySegment.ofArray(data), at, b, 0, b.byteSize());
                at += b.byteSize();
            }
            log.add("read " + sector + " " + (at - sector * sectorSize));
        });
    }

    @Override
    public CompletableFuture<DiskResult> write(long sector, List<MemorySegment> buffers, boolean fua) {
        return run(() -> {
            long at = sector * sectorSize;
            for (MemorySegment b : buffers) {
                MemorySegment.copy(b, 0, MemorySegment.ofArray(data), at, b.byteSize());
                at += b.byteSize();
            }
            log.add("write " + sector + " " + (at - sector * sectorSize) + (fua ? " fua" : ""));
        });
    }

    @Override
    public CompletableFuture<DiskResult> flush() {
        return run(() -> log.add("flush"));
    }

    @Override
    public CompletableFuture<DiskResult> unmap(long sector, long count) {
        return run(() -> {
            java.util.Arrays.fill(data, (int) (sector * sectorSize), (int) ((sector + count) * sectorSize), (byte) 0);
            log.add("unmap " + sector + " " + count);
        });
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("type", "test");
    }

    private CompletableFuture<DiskResult> run(Runnable op) {
        if (closed) {
            return CompletableFuture.completedFuture(DiskResult.of(DiskStatus.IO_ERROR, "closed"));
        }
        DiskStatus fail = failWith;
        if (fail != null) {
            return CompletableFuture.completedFuture(DiskResult.of(fail, "told to fail"));
        }
        Executor e = executor;
        if (e == null) {
            op.run();
            return CompletableFuture.completedFuture(DiskResult.ok());
        }
        return CompletableFuture.supplyAsync(() -> {
            op.run();
            return DiskResult.ok();
        }, e);
    }
}
