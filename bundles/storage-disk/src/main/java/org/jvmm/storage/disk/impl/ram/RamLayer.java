package org.jvmm.storage.disk.impl.ram;

import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.DiskLayer;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.impl.Requests;

/** A sparse in-memory layer; its content lives as long as the layer. */
public final class RamLayer implements DiskLayer {
    private final int sectorSize;
    private final long sectorCount;
    private final SparseSectors store;
    private volatile boolean closed;

    public RamLayer(int sectorSize, long sectorCount) {
        this.sectorSize = sectorSize;
        this.sectorCount = sectorCount;
        this.store = new SparseSectors(sectorSize);
    }

    @Override
    public String layerType() {
        return "ram";
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    @Override
    public long sectorCount() {
        return sectorCount;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public boolean supportsReadCache() {
        return true;
    }

    @Override
    public boolean supportsUnmap() {
        return true;
    }

    @Override
    public CompletableFuture<DiskResult> read(long sector, List<MemorySegment> buffers, BitSet present) {
        DiskResult bad = check(sector, buffers);
        if (bad != null) {
            return Requests.done(bad);
        }
        return Requests.done(Requests.run(() -> {
            store.read(sector, count(buffers), buffers, present);
            return DiskResult.ok();
        }));
    }

    @Override
    public CompletableFuture<DiskResult> write(long sector, List<MemorySegment> buffers, boolean fua) {
        return store(sector, buffers, true);
    }

    @Override
    public CompletableFuture<DiskResult> writeNoOverwrite(long sector, List<MemorySegment> buffers) {
        return store(sector, buffers, false);
    }

    private CompletableFuture<DiskResult> store(long sector, List<MemorySegment> buffers, boolean overwrite) {
        DiskResult bad = check(sector, buffers);
        if (bad != null) {
            return Requests.done(bad);
        }
        return Requests.done(Requests.run(() -> {
            store.write(sector, count(buffers), buffers, overwrite);
            return DiskResult.ok();
        }));
    }

    @Override
    public CompletableFuture<DiskResult> flush() {
        return closed ? Requests.done(DiskStatus.IO_ERROR, "layer closed") : Requests.ok();
    }

    @Override
    public CompletableFuture<DiskResult> unmap(long sector, long count, boolean lowerIsZero) {
        if (closed) {
            return Requests.done(DiskStatus.IO_ERROR, "layer closed");
        }
        DiskResult bad = Requests.checkSectors(sector, count, sectorCount);
        if (bad != null) {
            return Requests.done(bad);
        }
        if (lowerIsZero) {
            store.forget(sector, count);
        } else {
            store.zero(sector, count);
        }
        return Requests.ok();
    }

    private DiskResult check(long sector, List<MemorySegment> buffers) {
        if (closed) {
            return DiskResult.of(DiskStatus.IO_ERROR, "layer closed");
        }
        return Requests.checkRange(sector, buffers, sectorSize, sectorCount);
    }

    private long count(List<MemorySegment> buffers) {
        long bytes = 0;
        for (MemorySegment s : buffers) {
            bytes += s.byteSize();
        }
        return bytes / sectorSize;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("type", "ram").field("sector_size", sectorSize).field("sector_count", sectorCount)
                .field("chunks", store.chunkCount()).field("bytes_allocated", store.bytesAllocated())
                .field("closed", closed);
    }
}
