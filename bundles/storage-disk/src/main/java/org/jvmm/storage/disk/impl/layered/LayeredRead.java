package org.jvmm.storage.disk.impl.layered;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jvmm.storage.disk.api.DiskLayer;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.impl.Requests;
import org.jvmm.storage.disk.impl.ScatterGather;

/**
 * One read of a layered disk: layer by layer, each asked for the runs of sectors still missing;
 * then zeros for the rest, then the read caches get what they missed. With a read cache in the
 * stack the read goes through a bounce buffer that is copied to the caller's buffers at the end.
 * Steps run one after the other, so the state needs no locking.
 */
final class LayeredRead {
    private record Run(int start, int length) {
    }

    private record CacheFill(DiskLayer layer, Run run) {
    }

    private final List<LayeredDisk.Layer> layers;
    private final long[] visible;
    private final int sectorSize;
    private final CacheStats cacheStats;
    private final long sector;
    private final int count;
    private final List<MemorySegment> buffers;
    private final List<MemorySegment> target;
    private final BitSet filled = new BitSet();
    private final List<CacheFill> cacheFills = new ArrayList<>();

    LayeredRead(List<LayeredDisk.Layer> layers, long[] visible, int sectorSize, CacheStats cacheStats,
            long sector, List<MemorySegment> buffers) {
        this.layers = layers;
        this.visible = visible;
        this.sectorSize = sectorSize;
        this.cacheStats = cacheStats;
        this.sector = sector;
        this.buffers = buffers;
        long bytes = ScatterGather.totalBytes(buffers);
        this.count = Math.toIntExact(bytes / sectorSize);
        boolean caching = layers.stream().anyMatch(LayeredDisk.Layer::readCache);
        this.target = caching ? List.of(MemorySegment.ofArray(new byte[Math.toIntExact(bytes)])) : buffers;
    }

    CompletableFuture<DiskResult> run() {
        return fromLayer(0).thenCompose(r -> r.isOk() ? finish() : Requests.done(r));
    }

    private CompletableFuture<DiskResult> fromLayer(int i) {
        if (i == layers.size() || filled.cardinality() == count) {
            return Requests.ok();
        }
        int limit = (int) Math.min(count, Math.max(0, visible[i] - sector));
        List<Run> runs = missingRuns(limit);
        if (runs.isEmpty()) {
            return Requests.ok(); // the rest lies beyond this layer, and so beyond every lower one
        }
        CompletableFuture<DiskResult> f = Requests.ok();
        for (Run run : runs) {
            f = f.thenCompose(r -> r.isOk() ? readRun(layers.get(i), run) : Requests.done(r));
        }
        return f.thenCompose(r -> r.isOk() ? fromLayer(i + 1) : Requests.done(r));
    }

    private CompletableFuture<DiskResult> readRun(LayeredDisk.Layer layer, Run run) {
        BitSet present = new BitSet(run.length());
        List<MemorySegment> slice = ScatterGather.slice(target, (long) run.start() * sectorSize,
                (long) run.length() * sectorSize);
        return layer.layer().read(sector + run.start(), slice, present).thenApply(r -> {
            if (r.isOk()) {
                for (int b = present.nextSetBit(0); b >= 0 && b < run.length(); b = present.nextSetBit(b + 1)) {
                    filled.set(run.start() + b);
                }
                if (layer.readCache()) {
                    for (Run miss : runsOf(present, run.length())) {
                        cacheFills.add(new CacheFill(layer.layer(), new Run(run.start() + miss.start(), miss.length())));
                    }
                }
            }
            return r;
        });
    }

    private CompletableFuture<DiskResult> finish() {
        for (Run run : missingRuns(count)) {
            ScatterGather.zero(target, (long) run.start() * sectorSize, (long) run.length() * sectorSize);
        }
        CompletableFuture<DiskResult> f = Requests.ok();
        for (CacheFill fill : cacheFills) {
            f = f.thenCompose(ignored -> fill(fill));
        }
        return f.thenApply(ignored -> {
            if (target != buffers) {
                ScatterGather.scatter(target.getFirst(), 0, buffers, 0, (long) count * sectorSize);
            }
            return DiskResult.ok();
        });
    }

    /** A failed cache fill is counted, not returned: the read itself succeeded. */
    private CompletableFuture<DiskResult> fill(CacheFill fill) {
        List<MemorySegment> data = ScatterGather.slice(target, (long) fill.run().start() * sectorSize,
                (long) fill.run().length() * sectorSize);
        return Requests.guard(fill.layer().writeNoOverwrite(sector + fill.run().start(), data)).thenApply(r -> {
            cacheStats.record(r);
            return DiskResult.ok();
        });
    }

    /** Runs of sectors in {@code [0, limit)} that no layer has filled yet. */
    private List<Run> missingRuns(int limit) {
        List<Run> runs = new ArrayList<>();
        int s = filled.nextClearBit(0);
        while (s < limit) {
            int e = Math.min(limit, filled.nextSetBit(s) < 0 ? limit : filled.nextSetBit(s));
            runs.add(new Run(s, e - s));
            s = filled.nextClearBit(e);
        }
        return runs;
    }

    /** Runs of clear bits of {@code present} in {@code [0, length)}. */
    private static List<Run> runsOf(BitSet present, int length) {
        List<Run> runs = new ArrayList<>();
        int s = present.nextClearBit(0);
        while (s < length) {
            int next = present.nextSetBit(s);
            int e = next < 0 ? length : Math.min(length, next);
            runs.add(new Run(s, e - s));
            s = present.nextClearBit(e);
        }
        return runs;
    }
}
