package org.jvmm.devices.virtio.impl.blk;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;

/** WRITE_ZEROES as disk writes of a shared all-zero buffer, one chunk after another. */
final class ZeroWriter {
    private static final int CHUNK = 1024 * 1024;

    private final Disk disk;
    private final MemorySegment zeros = MemorySegment.ofArray(new byte[CHUNK]);

    ZeroWriter(Disk disk) {
        this.disk = disk;
    }

    /** Zeroes {@code count} disk sectors from {@code sector}; stops at the first failure. */
    CompletableFuture<DiskResult> write(long sector, long count) {
        if (count == 0) {
            return CompletableFuture.completedFuture(DiskResult.ok());
        }
        long chunk = Math.min(count, CHUNK / disk.sectorSize());
        return disk.write(sector, List.of(zeros.asSlice(0, chunk * disk.sectorSize())), false)
                .thenCompose(r -> r.isOk() ? write(sector + chunk, count - chunk) : CompletableFuture.completedFuture(r));
    }
}
