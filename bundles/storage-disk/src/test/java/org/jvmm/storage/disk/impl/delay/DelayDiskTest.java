package org.jvmm.storage.disk.impl.delay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.storage.disk.impl.Io.await;
import static org.jvmm.storage.disk.impl.Io.pattern;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.impl.Io;
import org.jvmm.storage.disk.impl.TestResolver;
import org.jvmm.storage.disk.resources.DelayDiskHandle;
import org.jvmm.storage.disk.resources.RamDiskHandle;
import org.junit.jupiter.api.Test;

class DelayDiskTest {
    @Test
    void requestsCompleteNoSoonerThanTheDelay() throws Exception {
        try (Disk d = TestResolver.disk(new DelayDiskHandle(RamDiskHandle.of(8192), 150))) {
            long start = System.nanoTime();
            CompletableFuture<DiskResult> f = d.write(1, List.of(MemorySegment.ofArray(pattern(512, 1))), false);
            assertFalse(f.isDone(), "the caller is not blocked");
            assertEquals(DiskResult.ok(), await(f));
            assertTrue(System.nanoTime() - start >= 150_000_000L);
            assertArrayEquals(pattern(512, 1), Io.readOk(d, 1, 512));
            assertEquals(DiskStatus.OUT_OF_RANGE, Io.readStatus(d, 16, 512));
        }
    }
}
