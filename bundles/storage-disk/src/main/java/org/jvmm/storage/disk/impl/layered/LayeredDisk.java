package org.jvmm.storage.disk.impl.layered;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskLayer;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.impl.Requests;

/** A disk made of layers, top first (OpenVMM's {@code LayeredDisk}). */
public final class LayeredDisk implements Disk {
    /** One attached layer and how it takes part. */
    public record Layer(DiskLayer layer, boolean readCache, boolean writeThrough) {
    }

    private final List<Layer> layers;
    private final long[] visible;
    private final boolean readOnly;
    private final int sectorSize;
    private final CacheStats cacheStats = new CacheStats();
    private volatile boolean closed;

    private LayeredDisk(List<Layer> layers, boolean readOnly) {
        this.layers = List.copyOf(layers);
        this.readOnly = readOnly;
        this.sectorSize = layers.getFirst().layer().sectorSize();
        this.visible = new long[layers.size()];
        long v = Long.MAX_VALUE;
        for (int i = 0; i < layers.size(); i++) {
            v = Math.min(v, layers.get(i).layer().sectorCount());
            visible[i] = v;
        }
    }

    /**
     * A layered disk over attached layers, top first.
     *
     * @throws IllegalArgumentException naming the layer index when the stack does not fit together
     */
    public static LayeredDisk of(boolean readOnly, List<Layer> layers) {
        LayerStackRules.check(readOnly, layers);
        return new LayeredDisk(layers, readOnly);
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    @Override
    public long sectorCount() {
        return visible[0];
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public Optional<byte[]> diskId() {
        for (Layer l : layers) {
            Optional<byte[]> id = l.layer().diskId();
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean supportsUnmap() {
        if (readOnly) {
            return false;
        }
        for (Layer l : layers) {
            if (!l.layer().supportsUnmap()) {
                return false;
            }
            if (!l.writeThrough()) {
                return true;
            }
        }
        return true;
    }

    @Override
    public CompletableFuture<DiskResult> read(long sector, List<MemorySegment> buffers) {
        DiskResult bad = check(sector, buffers);
        if (bad != null) {
            return Requests.done(bad);
        }
        return Requests.call(() -> new LayeredRead(layers, visible, sectorSize, cacheStats, sector, buffers).run());
    }

    @Override
    public CompletableFuture<DiskResult> write(long sector, List<MemorySegment> buffers, boolean fua) {
        DiskResult bad = check(sector, buffers);
        if (bad != null) {
            return Requests.done(bad);
        }
        if (readOnly) {
            return Requests.done(DiskStatus.READ_ONLY, "layered disk is read-only");
        }
        return Requests.call(() -> throughLayers(0, i -> layers.get(i).layer().write(sector, buffers, fua)));
    }

    @Override
    public CompletableFuture<DiskResult> flush() {
        if (closed) {
            return Requests.done(DiskStatus.IO_ERROR, "disk closed");
        }
        return Requests.call(() -> throughLayers(0, i -> layers.get(i).layer().flush()));
    }

    @Override
    public CompletableFuture<DiskResult> unmap(long sector, long count) {
        if (closed) {
            return Requests.done(DiskStatus.IO_ERROR, "disk closed");
        }
        DiskResult bad = Requests.checkSectors(sector, count, sectorCount());
        if (bad != null) {
            return Requests.done(bad);
        }
        if (readOnly) {
            return Requests.done(DiskStatus.READ_ONLY, "layered disk is read-only");
        }
        if (!supportsUnmap()) {
            return Requests.done(DiskStatus.UNSUPPORTED, "unmap not supported by the top layer");
        }
        return Requests.call(() -> throughLayers(0, i -> {
            boolean lowerIsZero = i + 1 >= layers.size() || sector >= visible[i + 1];
            return layers.get(i).layer().unmap(sector, count, lowerIsZero);
        }));
    }

    /** Runs {@code op} on layer {@code i} and, while the layer is write-through, on the next. */
    private CompletableFuture<DiskResult> throughLayers(int i, IntFunction<CompletableFuture<DiskResult>> op) {
        return op.apply(i).thenCompose(r -> r.isOk() && layers.get(i).writeThrough() && i + 1 < layers.size()
                ? throughLayers(i + 1, op) : Requests.done(r));
    }

    private DiskResult check(long sector, List<MemorySegment> buffers) {
        if (closed) {
            return DiskResult.of(DiskStatus.IO_ERROR, "disk closed");
        }
        return Requests.checkRange(sector, buffers, sectorSize, sectorCount());
    }

    @Override
    public void close() {
        closed = true;
        for (Layer l : layers) {
            l.layer().close();
        }
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("type", "layered").field("sector_size", sectorSize).field("sector_count", sectorCount())
                .field("read_only", readOnly).field("closed", closed);
        cacheStats.inspect(node);
        InspectNode children = node.child("layers");
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            InspectNode n = children.child(Integer.toString(i));
            n.field("read_cache", l.readCache()).field("write_through", l.writeThrough())
                    .field("visible_sectors", visible[i]);
            n.child("layer", l.layer());
        }
    }
}
