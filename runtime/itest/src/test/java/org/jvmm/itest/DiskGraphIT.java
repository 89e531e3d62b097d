package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.resources.LayeredDiskHandle;
import org.jvmm.storage.disk.resources.RamDiskHandle;
import org.jvmm.storage.disk.resources.SqliteLayerHandle;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;

/** Disks resolved through the registry by storage-disk's resolvers, and their I/O inside the framework. */
class DiskGraphIT {
    static final int SECTOR = 512;

    private TrackedService<ResolverRegistry> registryService;
    private ResolverRegistry registry;

    @BeforeEach
    void awaitRegistry() throws InterruptedException {
        registryService = TrackedService.await(ResolverRegistry.class);
        registry = registryService.get();
        Eventually.await("disk_handle:layered", () -> registry.find("disk_handle", "layered"));
        Eventually.await("disk_handle:ram", () -> registry.find("disk_handle", "ram"));
    }

    @AfterEach
    void close() {
        registryService.close();
    }

    @Test
    void ramDiskReadsZerosUntilWrittenAndRefusesSectorsPastItsEnd() throws Exception {
        try (Disk disk = resolve(RamDiskHandle.of(1 << 20))) {
            assertEquals(SECTOR, disk.sectorSize());
            assertEquals(2048, disk.sectorCount());
            assertArrayEquals(new byte[SECTOR], read(disk, 7, 1));

            byte[] data = pattern("ram sector 7", 2);
            assertEquals(DiskResult.ok(), write(disk, 7, data));
            assertArrayEquals(data, read(disk, 7, 2));
            assertArrayEquals(new byte[SECTOR], read(disk, 9, 1));

            assertEquals(DiskStatus.OUT_OF_RANGE, write(disk, 2047, pattern("past the end", 2)).status());
        }
    }

    @Test
    void sqliteLayerIsWrittenFlushedClosedAndReadBackFromANewGraph(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("disk.dbhd");
        byte[] data = pattern("persisted in sqlite", 3);
        try (Disk disk = resolve(LayeredDiskHandle.of(false, SqliteLayerHandle.create(file.toString(), 1L << 20)))) {
            assertEquals(2048, disk.sectorCount());
            assertEquals(DiskResult.ok(), write(disk, 100, data));
            assertEquals(DiskResult.ok(), disk.flush().get(10, TimeUnit.SECONDS));
        }
        byte[] header = Arrays.copyOf(Files.readAllBytes(file), 16);
        assertEquals("SQLite format 3\0", new String(header, StandardCharsets.ISO_8859_1), "an SQLite database file");

        try (Disk reopened = resolve(LayeredDiskHandle.of(true, SqliteLayerHandle.open(file.toString())))) {
            assertTrue(reopened.readOnly());
            assertEquals(2048, reopened.sectorCount());
            assertArrayEquals(data, read(reopened, 100, 3));
            assertArrayEquals(new byte[SECTOR], read(reopened, 103, 1));
            assertEquals(DiskStatus.READ_ONLY, write(reopened, 0, pattern("refused", 1)).status());
        }
    }

    @Test
    void aSecondSqliteCreateOnTheSameFileFailsNamingTheLayerAndPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("taken.dbhd");
        resolve(LayeredDiskHandle.of(false, SqliteLayerHandle.create(file.toString(), 1L << 20))).close();

        String message = assertThrows(ResolveException.class, () -> resolve(
                LayeredDiskHandle.of(false, SqliteLayerHandle.create(file.toString(), 1L << 20)))).getMessage();
        assertTrue(message.startsWith("disk_layer_handle:sqlite at disks[0].layers[0] failed: "), message);
        assertTrue(message.contains("already exists"), message);
    }

    private Disk resolve(ResourceHandle handle) throws Exception {
        return registry.resolve(handle, Disk.class, Inputs.EMPTY, "disks[0]");
    }

    static DiskResult write(Disk disk, long sector, byte[] data) throws Exception {
        return disk.write(sector, List.of(MemorySegment.ofArray(data.clone())), false).get(10, TimeUnit.SECONDS);
    }

    static byte[] read(Disk disk, long sector, int count) throws Exception {
        byte[] out = new byte[count * SECTOR];
        DiskResult r = disk.read(sector, List.of(MemorySegment.ofArray(out))).get(10, TimeUnit.SECONDS);
        assertEquals(DiskResult.ok(), r, "read of " + count + " sectors at " + sector);
        return out;
    }

    /** {@code sectors} sectors of recognisable bytes: {@code text}, then a counter. */
    static byte[] pattern(String text, int sectors) {
        byte[] out = new byte[sectors * SECTOR];
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < out.length; i++) {
            out[i] = i < t.length ? t[i] : (byte) (i * 7 + 1);
        }
        return out;
    }
}
