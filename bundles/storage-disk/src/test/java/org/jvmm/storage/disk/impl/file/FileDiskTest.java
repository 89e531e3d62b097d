package org.jvmm.storage.disk.impl.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.storage.disk.impl.Io.await;
import static org.jvmm.storage.disk.impl.Io.pattern;
import static org.jvmm.storage.disk.impl.Io.readOk;
import static org.jvmm.storage.disk.impl.Io.readStatus;
import static org.jvmm.storage.disk.impl.Io.writeOk;
import static org.jvmm.storage.disk.impl.Io.writeStatus;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.impl.Io;
import org.jvmm.storage.disk.impl.TestResolver;
import org.jvmm.storage.disk.resources.FileDiskHandle;
import org.jvmm.vmm.resource.ResolveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiskTest {
    @TempDir
    Path dir;

    private Path image(int bytes, int seed) throws IOException {
        Path p = dir.resolve("disk.img");
        Files.write(p, pattern(bytes, seed));
        return p;
    }

    @Test
    void readsTheFileAndWritesThrough() throws Exception {
        Path p = image(64 * 512, 1);
        try (Disk d = TestResolver.disk(FileDiskHandle.of(p.toString(), false))) {
            assertEquals(512, d.sectorSize());
            assertEquals(64, d.sectorCount());
            assertFalse(d.readOnly());
            assertArrayEquals(Arrays.copyOfRange(pattern(64 * 512, 1), 3 * 512, 7 * 512), readOk(d, 3, 4 * 512));
            byte[] data = pattern(3 * 512, 9);
            writeOk(d, 10, data);
            assertEquals(DiskResult.ok(), await(d.flush()));
            assertArrayEquals(data, readOk(d, 10, 3 * 512));
        }
        assertArrayEquals(pattern(3 * 512, 9), Arrays.copyOfRange(Files.readAllBytes(p), 10 * 512, 13 * 512));
    }

    @Test
    void scatterGatherListsOfUnevenSegments() throws Exception {
        Path p = image(16 * 512, 2);
        try (Disk d = TestResolver.disk(FileDiskHandle.of(p.toString(), false))) {
            byte[] data = pattern(4 * 512, 5);
            assertEquals(DiskResult.ok(), await(d.write(2, Io.split(data, 100, 700, 1, 300), true)));
            byte[] back = new byte[4 * 512];
            assertEquals(DiskResult.ok(), await(d.read(2, Io.split(back, 511, 2, 1000))));
            assertArrayEquals(data, back);
        }
    }

    @Test
    void readOnlyRefusesWritesAndKeepsTheFile() throws Exception {
        Path p = image(8 * 512, 3);
        try (Disk d = TestResolver.disk(FileDiskHandle.of(p.toString(), true))) {
            assertTrue(d.readOnly());
            assertEquals(DiskStatus.READ_ONLY, writeStatus(d, 0, 512));
            assertArrayEquals(pattern(512, 3), readOk(d, 0, 512));
        }
        assertArrayEquals(pattern(8 * 512, 3), Files.readAllBytes(p));
    }

    @Test
    void outOfRangeAndPartialSectors() throws Exception {
        Path p = image(8 * 512, 4);
        try (Disk d = TestResolver.disk(FileDiskHandle.of(p.toString(), false))) {
            assertEquals(DiskStatus.OUT_OF_RANGE, readStatus(d, 8, 512));
            assertEquals(DiskStatus.OUT_OF_RANGE, readStatus(d, 7, 1024));
            assertEquals(DiskStatus.OUT_OF_RANGE, readStatus(d, -1, 512));
            assertEquals(DiskStatus.OUT_OF_RANGE, readStatus(d, 0, 100));
            assertEquals(DiskStatus.OUT_OF_RANGE, writeStatus(d, Long.MAX_VALUE, 512));
            assertEquals(DiskStatus.OK, readStatus(d, 7, 512));
        }
    }

    @Test
    void createMakesASparseZeroFilledFile() throws Exception {
        Path p = dir.resolve("new.img");
        Files.write(p, pattern(4096, 1));
        try (Disk d = TestResolver.disk(new FileDiskHandle(p.toString(), false, 1L << 20, false, 0))) {
            assertEquals(2048, d.sectorCount());
            assertArrayEquals(new byte[4096], readOk(d, 0, 4096));
        }
        assertEquals(1L << 20, Files.size(p));
    }

    @Test
    void missingFileIsAConfigurationError() {
        ResolveException e = assertThrows(ResolveException.class,
                () -> TestResolver.disk(FileDiskHandle.of(dir.resolve("nope.img").toString(), false)));
        assertTrue(e.getMessage().contains("disk_handle:file at disks[0]"), e.getMessage());
        assertTrue(e.getMessage().contains("nope.img does not exist"), e.getMessage());
    }

    @Test
    void closedDiskAndBadBuffersGiveResultsNotExceptions() throws Exception {
        Path p = image(8 * 512, 6);
        Disk d = TestResolver.disk(FileDiskHandle.of(p.toString(), false));
        MemorySegment ro = MemorySegment.ofArray(new byte[512]).asReadOnly();
        assertEquals(DiskStatus.MEMORY_ERROR, await(d.read(0, List.of(ro))).status());
        MemorySegment gone;
        try (Arena arena = Arena.ofShared()) {
            gone = arena.allocate(512);
        }
        assertEquals(DiskStatus.MEMORY_ERROR, await(d.write(0, List.of(gone), false)).status());
        d.close();
        assertEquals(DiskStatus.IO_ERROR, readStatus(d, 0, 512));
        assertEquals(DiskStatus.IO_ERROR, await(d.flush()).status());
        InspectNode n = new InspectNode();
        d.inspect(n);
        assertEquals(true, n.at("closed").orElseThrow());
    }

    @Test
    void directIoUsesTheFileSystemBlockSize() throws Exception {
        Path p = Files.createTempDirectory(Path.of(System.getProperty("user.dir"), "target"), "direct");
        Path img = p.resolve("direct.img");
        try (Disk d = TestResolver.disk(new FileDiskHandle(img.toString(), false, 1L << 20, true, 0))) {
            assertEquals(0, d.sectorSize() % 512);
            byte[] data = pattern(2 * d.sectorSize(), 7);
            assertEquals(DiskResult.ok(), await(d.write(1, Io.split(data, 17, 4000), true)));
            byte[] back = new byte[data.length];
            assertEquals(DiskResult.ok(), await(d.read(1, Io.split(back, 3))));
            assertArrayEquals(data, back);
        } finally {
            Files.deleteIfExists(img);
            Files.deleteIfExists(p);
        }
    }
}
