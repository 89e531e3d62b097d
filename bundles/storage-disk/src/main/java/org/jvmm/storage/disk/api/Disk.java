package org.jvmm.storage.disk.api;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jvmm.inspect.Inspectable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A block device as a storage frontend sees it. I/O is in whole sectors: {@code buffers} is a
 * scatter-gather list (slices of guest memory or heap segments) whose total length is a multiple
 * of {@link #sectorSize()}. Requests may complete on another thread; the futures never complete
 * exceptionally: failures are a {@link DiskResult} with a status. Implementations are thread-safe.
 */
@ConsumerType
public interface Disk extends Inspectable, AutoCloseable {
    /** Logical sector size in bytes: 512 or 4096. */
    int sectorSize();

    long sectorCount();

    boolean readOnly();

    /** A stable identifier (e.g. virtio-blk GET_ID, NVMe EUI/NGUID), if the disk has one: at most 20 bytes. */
    default Optional<byte[]> diskId() {
        return Optional.empty();
    }

    /** Whether {@link #unmap} does anything (virtio-blk DISCARD, NVMe DSM deallocate are offered only then). */
    default boolean supportsUnmap() {
        return false;
    }

    /** Reads {@code sum(buffers) / sectorSize()} sectors starting at {@code sector}. */
    CompletableFuture<DiskResult> read(long sector, List<MemorySegment> buffers);

    /**
     * Writes {@code sum(buffers) / sectorSize()} sectors starting at {@code sector}. With {@code fua}
     * the data is durable when the result is {@link DiskResult#ok()}.
     */
    CompletableFuture<DiskResult> write(long sector, List<MemorySegment> buffers, boolean fua);

    /** Makes every completed write durable. */
    CompletableFuture<DiskResult> flush();

    /** Hints that {@code count} sectors from {@code sector} are unused; later reads may return zeros. */
    default CompletableFuture<DiskResult> unmap(long sector, long count) {
        return CompletableFuture.completedFuture(DiskResult.of(DiskStatus.UNSUPPORTED, "unmap not supported"));
    }

    /** Releases files and other resources; requests after close fail with {@link DiskStatus#IO_ERROR}. */
    @Override
    void close();
}
