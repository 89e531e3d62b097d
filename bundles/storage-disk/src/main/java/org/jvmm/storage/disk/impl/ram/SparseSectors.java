package org.jvmm.storage.disk.impl.ram;

import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jvmm.storage.disk.impl.ScatterGather;

/**
 * Sparse sector storage in fixed chunks. A chunk is created by the first write into it and
 * dropped when an unmap leaves it empty; each chunk is guarded by its own monitor.
 */
final class SparseSectors {
    static final int CHUNK_BYTES = 64 * 1024;

    private final int sectorSize;
    private final int sectorsPerChunk;
    private final ConcurrentHashMap<Long, Chunk> chunks = new ConcurrentHashMap<>();

    SparseSectors(int sectorSize) {
        this.sectorSize = sectorSize;
        this.sectorsPerChunk = Math.max(1, CHUNK_BYTES / sectorSize);
    }

    private final class Chunk {
        final byte[] data = new byte[sectorsPerChunk * sectorSize];
        final BitSet present = new BitSet(sectorsPerChunk);
        boolean dead;
    }

    /** Copies the sectors present into {@code buffers} and marks them in {@code marker}. */
    void read(long sector, long count, List<MemorySegment> buffers, BitSet marker) {
        forEachChunkRange(sector, count, (index, first, n, bufferSector) -> {
            Chunk c = chunks.get(index);
            if (c == null) {
                return;
            }
            synchronized (c) {
                for (int i = c.present.nextSetBit(first); i >= 0 && i < first + n; i = c.present.nextSetBit(i + 1)) {
                    int end = Math.min(first + n, c.present.nextClearBit(i));
                    long at = (bufferSector + i - first) * sectorSize;
                    ScatterGather.scatter(MemorySegment.ofArray(c.data), (long) i * sectorSize, buffers, at,
                            (long) (end - i) * sectorSize);
                    marker.set((int) (bufferSector + i - first), (int) (bufferSector + end - first));
                    i = end;
                }
            }
        });
    }

    /** Stores {@code count} sectors from {@code buffers}; without {@code overwrite} sectors present are kept. */
    void write(long sector, long count, List<MemorySegment> buffers, boolean overwrite) {
        forEachChunkRange(sector, count, (index, first, n, bufferSector) -> {
            while (true) {
                Chunk c = chunks.computeIfAbsent(index, k -> new Chunk());
                synchronized (c) {
                    if (c.dead) {
                        continue;
                    }
                    for (int i = first; i < first + n; i++) {
                        if (overwrite || !c.present.get(i)) {
                            ScatterGather.gather(buffers, (bufferSector + i - first) * sectorSize,
                                    MemorySegment.ofArray(c.data), (long) i * sectorSize, sectorSize);
                            c.present.set(i);
                        }
                    }
                    return;
                }
            }
        });
    }

    /** Forgets {@code count} sectors: they are no longer present. */
    void forget(long sector, long count) {
        forEachChunkRange(sector, count, (index, first, n, bufferSector) -> {
            Chunk c = chunks.get(index);
            if (c == null) {
                return;
            }
            synchronized (c) {
                c.present.clear(first, first + n);
                java.util.Arrays.fill(c.data, first * sectorSize, (first + n) * sectorSize, (byte) 0);
                if (c.present.isEmpty()) {
                    c.dead = true;
                    chunks.remove(index, c);
                }
            }
        });
    }

    /** Makes {@code count} sectors present and zero. */
    void zero(long sector, long count) {
        forEachChunkRange(sector, count, (index, first, n, bufferSector) -> {
            while (true) {
                Chunk c = chunks.computeIfAbsent(index, k -> new Chunk());
                synchronized (c) {
                    if (c.dead) {
                        continue;
                    }
                    java.util.Arrays.fill(c.data, first * sectorSize, (first + n) * sectorSize, (byte) 0);
                    c.present.set(first, first + n);
                    return;
                }
            }
        });
    }

    int chunkCount() {
        return chunks.size();
    }

    long bytesAllocated() {
        return (long) chunks.size() * sectorsPerChunk * sectorSize;
    }

    @FunctionalInterface
    private interface ChunkRange {
        /** Sectors {@code [first, first + n)} of chunk {@code index}; {@code bufferSector} is the offset in the request. */
        void accept(long index, int first, int n, long bufferSector);
    }

    private void forEachChunkRange(long sector, long count, ChunkRange action) {
        long s = sector;
        long end = sector + count;
        while (s < end) {
            long index = s / sectorsPerChunk;
            int first = (int) (s % sectorsPerChunk);
            int n = (int) Math.min(sectorsPerChunk - first, end - s);
            action.accept(index, first, n, s - sector);
            s += n;
        }
    }
}
