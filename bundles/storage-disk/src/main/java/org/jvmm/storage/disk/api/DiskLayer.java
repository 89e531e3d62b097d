package org.jvmm.storage.disk.api;

import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jvmm.inspect.Inspectable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One layer of a layered disk (OpenVMM's {@code LayerIo}): a possibly sparse store of sectors.
 * A read fills only the sectors the layer has and marks them in {@code present}; the layered
 * disk asks the next layer down for the rest and zeroes what no layer has. The same request
 * rules as {@link Disk} apply (whole sectors, futures never complete exceptionally, requests
 * outside the layer give {@link DiskStatus#OUT_OF_RANGE}). Implementations are thread-safe.
 */
@ConsumerType
public interface DiskLayer extends Inspectable, AutoCloseable {
    /** A short name for inspect and messages: {@code ram}, {@code sqlite}, {@code disk}, ... */
    String layerType();

    /** Logical sector size in bytes; every layer of one disk has the same. */
    int sectorSize();

    long sectorCount();

    /** Whether the layer refuses ordinary writes (it may still accept {@link #writeNoOverwrite}). */
    boolean readOnly();

    /** A stable identifier of the data, if the layer has one (at most 20 bytes). */
    default Optional<byte[]> diskId() {
        return Optional.empty();
    }

    /** Whether {@link #writeNoOverwrite} works, so the layer can be a read cache. */
    default boolean supportsReadCache() {
        return false;
    }

    /** Whether {@link #unmap} does anything. */
    default boolean supportsUnmap() {
        return false;
    }

    /**
     * Reads the sectors this layer has, from {@code sector} on, into {@code buffers} and sets bit
     * {@code i} of {@code present} for each sector {@code sector + i} it filled. Bytes of sectors it
     * does not have are left unspecified.
     */
    CompletableFuture<DiskResult> read(long sector, List<MemorySegment> buffers, BitSet present);

    /** Writes whole sectors; with {@code fua} they are durable when the result is OK. */
    CompletableFuture<DiskResult> write(long sector, List<MemorySegment> buffers, boolean fua);

    /** Writes only the sectors the layer does not have yet (filling a read cache). */
    default CompletableFuture<DiskResult> writeNoOverwrite(long sector, List<MemorySegment> buffers) {
        return CompletableFuture.completedFuture(DiskResult.of(DiskStatus.UNSUPPORTED, layerType() + " layer is not a cache"));
    }

    /** Makes every completed write durable. */
    CompletableFuture<DiskResult> flush();

    /**
     * Makes {@code count} sectors read as zeros; with {@code lowerIsZero} the layer may simply
     * forget them, because the layers below read as zeros there.
     */
    default CompletableFuture<DiskResult> unmap(long sector, long count, boolean lowerIsZero) {
        return CompletableFuture.completedFuture(DiskResult.of(DiskStatus.UNSUPPORTED, "unmap not supported"));
    }

    @Override
    void close();
}
