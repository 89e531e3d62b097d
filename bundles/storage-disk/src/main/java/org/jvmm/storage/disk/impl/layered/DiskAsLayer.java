package org.jvmm.storage.disk.impl.layered;

import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskLayer;
import org.jvmm.storage.disk.api.DiskResult;

/** A whole disk as a layer: every sector is present. */
public final class DiskAsLayer implements DiskLayer {
    private final Disk disk;

    public DiskAsLayer(Disk disk) {
        this.disk = disk;
    }

    @Override
    public String layerType() {
        return "disk";
    }

    @Override
    public int sectorSize() {
        return disk.sectorSize();
    }

    @Override
    public long sectorCount() {
        return disk.sectorCount();
    }

    @Override
    public boolean readOnly() {
        return disk.readOnly();
    }

    @Override
    public Optional<byte[]> diskId() {
        return disk.diskId();
    }

    @Override
    public boolean supportsUnmap() {
        return disk.supportsUnmap();
    }

    @Override
    public CompletableFuture<DiskResult> read(long sector, List<MemorySegment> buffers, BitSet present) {
        return disk.read(sector, buffers).thenApply(r -> {
            if (r.isOk()) {
                long bytes = 0;
                for (MemorySegment s : buffers) {
                    bytes += s.byteSize();
                }
                present.set(0, (int) (bytes / disk.sectorSize()));
            }
            return r;
        });
    }

    @Override
    public CompletableFuture<DiskResult> write(long sector, List<MemorySegment> buffers, boolean fua) {
        return disk.write(sector, buffers, fua);
    }

    @Override
    public CompletableFuture<DiskResult> flush() {
        return disk.flush();
    }

    @Override
    public CompletableFuture<DiskResult> unmap(long sector, long count, boolean lowerIsZero) {
        return disk.unmap(sector, count);
    }

    @Override
    public void close() {
        disk.close();
    }

    @Override
    public void inspect(InspectNode node) {
        disk.inspect(node);
    }
}
