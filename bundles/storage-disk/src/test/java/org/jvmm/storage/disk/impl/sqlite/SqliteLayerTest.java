package org.jvmm.storage.disk.impl.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.storage.disk.impl.Io.await;
import static org.jvmm.storage.disk.impl.Io.pattern;
import static org.jvmm.storage.disk.impl.Io.readOk;
import static org.jvmm.storage.disk.impl.Io.readStatus;
import static org.jvmm.storage.disk.impl.Io.writeOk;
import static org.jvmm.storage.disk.impl.Io.writeStatus;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.api.LayerGeometry;
import org.jvmm.storage.disk.impl.Io;
import org.jvmm.storage.disk.impl.TestResolver;
import org.jvmm.storage.disk.resources.DiskLayerDescription;
import org.jvmm.storage.disk.resources.DiskLayerHandle;
import org.jvmm.storage.disk.resources.FileDiskHandle;
import org.jvmm.storage.disk.resources.LayeredDiskHandle;
import org.jvmm.storage.disk.resources.SqliteAutoCacheLayerHandle;
import org.jvmm.storage.disk.resources.SqliteFormat;
import org.jvmm.storage.disk.resources.SqliteLayerHandle;
import org.jvmm.vmm.resource.ResolveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

class SqliteLayerTest {
    @TempDir
    Path dir;

    private Disk sqlDisk(SqliteLayerHandle h, boolean readOnly) throws ResolveException {
        return TestResolver.disk(LayeredDiskHandle.of(readOnly, h));
    }

    @Test
    void dataSurvivesCloseAndReopen() throws Exception {
        Path db = dir.resolve("d.dbhd");
        byte[] data = pattern(5 * 512, 3);
        try (Disk d = sqlDisk(SqliteLayerHandle.create(db.toString(), 1L << 20), false)) {
            assertEquals(2048, d.sectorCount());
            assertArrayEquals(new byte[4096], readOk(d, 100, 4096));
            writeOk(d, 100, data);
            writeOk(d, 2047, pattern(512, 4));
        }
        try (Disk d = sqlDisk(SqliteLayerHandle.open(db.toString()), false)) {
            assertEquals(2048, d.sectorCount());
            assertArrayEquals(data, readOk(d, 100, data.length));
            assertArrayEquals(pattern(512, 4), readOk(d, 2047, 512));
            assertArrayEquals(new byte[512], readOk(d, 99, 512));
        }
    }

    @Test
    void theFileHasTheDocumentedSchema() throws Exception {
        Path db = dir.resolve("s.dbhd");
        try (Disk d = sqlDisk(SqliteLayerHandle.create(db.toString(), 8192L), false)) {
            writeOk(d, 1, pattern(512, 1));
            writeOk(d, 2, new byte[512]);
        }
        try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT metadata FROM meta")) {
                assertTrue(rs.next());
                assertEquals("{\"logically_read_only\":false,\"sector_count\":16,\"sector_size\":512}", rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT sector, length(data), data IS NULL FROM sectors ORDER BY sector")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getLong(1));
                assertEquals(512, rs.getInt(2));
                assertTrue(rs.next());
                assertEquals(2, rs.getLong(1));
                assertTrue(rs.getBoolean(3), "an all-zero sector is stored as NULL");
            }
        }
    }

    @Test
    void aZeroSectorIsPresentAndHidesTheLowerDisk() throws Exception {
        Path base = dir.resolve("base.img");
        Files.write(base, pattern(8 * 512, 5));
        Path db = dir.resolve("diff.dbhd");
        LayeredDiskHandle h = new LayeredDiskHandle(List.of(
                DiskLayerDescription.of(new SqliteLayerHandle(db.toString(), new SqliteFormat(false, null, 0))),
                DiskLayerDescription.of(new DiskLayerHandle(FileDiskHandle.of(base.toString(), true)))), false);
        try (Disk d = TestResolver.disk(h)) {
            assertEquals(8, d.sectorCount(), "sized from the layer below");
            writeOk(d, 3, new byte[512]);
            byte[] got = readOk(d, 2, 3 * 512);
            assertArrayEquals(Arrays.copyOfRange(pattern(8 * 512, 5), 1024, 1536), Arrays.copyOfRange(got, 0, 512));
            assertArrayEquals(new byte[512], Arrays.copyOfRange(got, 512, 1024));
            assertEquals(DiskStatus.OK, await(d.unmap(5, 1)).status());
            assertArrayEquals(new byte[512], readOk(d, 5, 512));
            assertEquals(DiskResult.ok(), await(d.flush()));
        }
    }

    @Test
    void readOnlyAndLogicallyReadOnly() throws Exception {
        Path db = dir.resolve("r.dbhd");
        try (Disk d = sqlDisk(SqliteLayerHandle.create(db.toString(), 4096L), false)) {
            writeOk(d, 0, pattern(512, 6));
        }
        try (Disk d = sqlDisk(SqliteLayerHandle.open(db.toString()), true)) {
            assertEquals(DiskStatus.READ_ONLY, writeStatus(d, 0, 512));
            assertArrayEquals(pattern(512, 6), readOk(d, 0, 512));
        }
        SqliteLayer cacheOnly = SqliteLayerResolver.attach(new SqliteLayerHandle(dir.resolve("c.dbhd").toString(),
                new SqliteFormat(true, 4096L, 0)), Optional.empty(), false);
        assertTrue(cacheOnly.readOnly());
        assertEquals(DiskStatus.READ_ONLY, await(cacheOnly.write(0, List.of(MemorySegment.ofArray(new byte[512])), false)).status());
        assertEquals(DiskResult.ok(), await(cacheOnly.writeNoOverwrite(0, List.of(MemorySegment.ofArray(pattern(512, 1))))));
        assertEquals(1, cacheOnly.sectorsHeld());
        cacheOnly.close();
    }

    @Test
    void createRefusesAnExistingFileAndOpenAMissingOne() throws Exception {
        Path db = dir.resolve("e.dbhd");
        Files.writeString(db, "x");
        ResolveException e = assertThrows(ResolveException.class,
                () -> sqlDisk(SqliteLayerHandle.create(db.toString(), 4096L), false));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        ResolveException m = assertThrows(ResolveException.class,
                () -> sqlDisk(SqliteLayerHandle.open(dir.resolve("none.dbhd").toString()), false));
        assertTrue(m.getMessage().contains("file not found"), m.getMessage());
        ResolveException junk = assertThrows(ResolveException.class,
                () -> sqlDisk(SqliteLayerHandle.open(db.toString()), true));
        assertTrue(junk.getMessage().contains("e.dbhd"), junk.getMessage());
    }

    @Test
    void outOfRange() throws Exception {
        try (Disk d = sqlDisk(SqliteLayerHandle.create(dir.resolve("o.dbhd").toString(), 4096L), false)) {
            assertEquals(DiskStatus.OUT_OF_RANGE, writeStatus(d, 8, 512));
            assertEquals(DiskStatus.OUT_OF_RANGE, readStatus(d, 7, 1024));
        }
    }

    @Test
    void autoCacheFillsAFileKeyedByTheLowerDisk() throws Exception {
        Path base = dir.resolve("base.img");
        Files.write(base, pattern(16 * 512, 8));
        Path cacheDir = dir.resolve("cache");
        LayeredDiskHandle h = new LayeredDiskHandle(List.of(
                new DiskLayerDescription(new SqliteAutoCacheLayerHandle(cacheDir.toString(), "k1"), true, false),
                DiskLayerDescription.of(new DiskLayerHandle(FileDiskHandle.of(base.toString(), true)))), true);
        try (Disk d = TestResolver.disk(h)) {
            assertArrayEquals(Arrays.copyOfRange(pattern(16 * 512, 8), 2048, 4096), readOk(d, 4, 4 * 512));
        }
        Path file = cacheDir.resolve("k1").resolve("cache.dbhd");
        assertTrue(Files.isRegularFile(file));
        assertEquals(1, Files.list(cacheDir).count(), "no temporary directory is left behind");
        SqliteLayer reopened = SqliteAutoCacheResolver.attach(new SqliteAutoCacheLayerHandle(cacheDir.toString(), "k1"),
                Optional.of(new LayerGeometry(512, 16, Optional.empty())), true);
        Io.LayerRead r = Io.readLayer(reopened, 0, 16 * 512);
        assertEquals(4, r.present().cardinality());
        assertArrayEquals(Arrays.copyOfRange(pattern(16 * 512, 8), 2048, 4096), Arrays.copyOfRange(r.data(), 2048, 4096));
        reopened.close();
        ResolveException noKey = assertThrows(ResolveException.class, () -> TestResolver.disk(new LayeredDiskHandle(List.of(
                new DiskLayerDescription(new SqliteAutoCacheLayerHandle(cacheDir.toString(), null), true, false),
                DiskLayerDescription.of(new DiskLayerHandle(FileDiskHandle.of(base.toString(), true)))), true)));
        assertTrue(noKey.getMessage().contains("no disk id"), noKey.getMessage());
    }
}
