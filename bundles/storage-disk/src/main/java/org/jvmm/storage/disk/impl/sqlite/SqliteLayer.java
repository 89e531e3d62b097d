package org.jvmm.storage.disk.impl.sqlite;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.DiskLayer;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.impl.DiskExecutor;
import org.jvmm.storage.disk.impl.Requests;
import org.jvmm.storage.disk.impl.ScatterGather;

/** A sparse layer in an SQLite file; requests run on virtual threads, one at a time per file. */
public final class SqliteLayer implements DiskLayer {
    private final SqliteStore store;
    private final String type;
    private volatile boolean closed;

    SqliteLayer(SqliteStore store, String type) {
        this.store = store;
        this.type = type;
    }

    @Override
    public String layerType() {
        return type;
    }

    @Override
    public int sectorSize() {
        return store.meta().sectorSize();
    }

    @Override
    public long sectorCount() {
        return store.meta().sectorCount();
    }

    @Override
    public boolean readOnly() {
        return store.readOnly() || store.meta().logicallyReadOnly();
    }

    @Override
    public boolean supportsReadCache() {
        return !store.readOnly();
    }

    @Override
    public boolean supportsUnmap() {
        return !readOnly();
    }

    @Override
    public CompletableFuture<DiskResult> read(long sector, List<MemorySegment> buffers, BitSet present) {
        DiskResult bad = check(sector, buffers);
        if (bad != null) {
            return Requests.done(bad);
        }
        long count = ScatterGather.totalBytes(buffers) / sectorSize();
        return Requests.async(DiskExecutor.get(), () -> {
            store.read(sector, count, buffers, present);
            return DiskResult.ok();
        });
    }

    @Override
    public CompletableFuture<DiskResult> write(long sector, List<MemorySegment> buffers, boolean fua) {
        if (readOnly()) {
            return Requests.done(DiskStatus.READ_ONLY, type + " layer " + store.path() + " is read-only");
        }
        return store(sector, buffers, true, fua);
    }

    @Override
    public CompletableFuture<DiskResult> writeNoOverwrite(long sector, List<MemorySegment> buffers) {
        if (store.readOnly()) {
            return Requests.done(DiskStatus.READ_ONLY, type + " layer " + store.path() + " is opened read-only");
        }
        return store(sector, buffers, false, false);
    }

    private CompletableFuture<DiskResult> store(long sector, List<MemorySegment> buffers, boolean overwrite, boolean fua) {
        DiskResult bad = check(sector, buffers);
        if (bad != null) {
            return Requests.done(bad);
        }
        return Requests.async(DiskExecutor.get(), () -> {
            store.write(sector, buffers, overwrite);
            if (fua) {
                store.checkpoint();
            }
            return DiskResult.ok();
        });
    }

    @Override
    public CompletableFuture<DiskResult> flush() {
        if (closed) {
            return Requests.done(DiskStatus.IO_ERROR, "layer closed");
        }
        return Requests.async(DiskExecutor.get(), () -> {
            store.checkpoint();
            return DiskResult.ok();
        });
    }

    @Override
    public CompletableFuture<DiskResult> unmap(long sector, long count, boolean lowerIsZero) {
        if (closed) {
            return Requests.done(DiskStatus.IO_ERROR, "layer closed");
        }
        if (readOnly()) {
            return Requests.done(DiskStatus.READ_ONLY, type + " layer " + store.path() + " is read-only");
        }
        DiskResult bad = Requests.checkSectors(sector, count, sectorCount());
        if (bad != null) {
            return Requests.done(bad);
        }
        return Requests.async(DiskExecutor.get(), () -> {
            store.unmap(sector, count, lowerIsZero);
            return DiskResult.ok();
        });
    }

    private DiskResult check(long sector, List<MemorySegment> buffers) {
        if (closed) {
            return DiskResult.of(DiskStatus.IO_ERROR, "layer closed");
        }
        return Requests.checkRange(sector, buffers, sectorSize(), sectorCount());
    }

    /** Sectors held in the file, for tests and inspect. */
    public long sectorsHeld() throws IOException {
        return store.rowCount();
    }

    @Override
    public void close() {
        closed = true;
        try {
            store.close();
        } catch (IOException e) {
            System.getLogger(SqliteLayer.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("type", type).field("path", store.path().toString())
                .field("sector_size", sectorSize()).field("sector_count", sectorCount())
                .field("logically_read_only", store.meta().logicallyReadOnly())
                .field("opened_read_only", store.readOnly()).field("closed", closed);
    }
}
