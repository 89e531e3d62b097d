package org.jvmm.storage.disk.impl.layered;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.storage.disk.impl.Io.await;
import static org.jvmm.storage.disk.impl.Io.pattern;
import static org.jvmm.storage.disk.impl.Io.readOk;
import static org.jvmm.storage.disk.impl.Io.writeOk;
import static org.jvmm.storage.disk.impl.Io.writeStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.impl.Io;
import org.jvmm.storage.disk.impl.TestResolver;
import org.jvmm.storage.disk.impl.ram.RamLayer;
import org.jvmm.storage.disk.resources.DiskLayerDescription;
import org.jvmm.storage.disk.resources.DiskLayerHandle;
import org.jvmm.storage.disk.resources.FileDiskHandle;
import org.jvmm.storage.disk.resources.LayeredDiskHandle;
import org.jvmm.storage.disk.resources.RamDiskHandle;
import org.jvmm.storage.disk.resources.RamLayerHandle;
import org.jvmm.storage.disk.resources.SqliteLayerHandle;
import org.jvmm.vmm.resource.ResolveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayeredDiskTest {
    @TempDir
    Path dir;

    private Path base(int sectors, int seed) throws Exception {
        Path p = dir.resolve("base.img");
        Files.write(p, pattern(sectors * 512, seed));
        return p;
    }

    private static DiskLayerHandle fileLayer(Path p) {
        return new DiskLayerHandle(FileDiskHandle.of(p.toString(), true));
    }

    @Test
    void readsFallThroughSectorBySectorAndWritesStayOnTop() throws Exception {
        Path p = base(32, 1);
        byte[] original = Files.readAllBytes(p);
        try (Disk d = TestResolver.disk(LayeredDiskHandle.of(false, RamLayerHandle.diff(), fileLayer(p)))) {
            assertEquals(32, d.sectorCount());
            assertArrayEquals(Arrays.copyOfRange(original, 0, 8 * 512), readOk(d, 0, 8 * 512));
            byte[] mine = pattern(2 * 512, 7);
            writeOk(d, 3, mine);
            byte[] expected = Arrays.copyOfRange(original, 0, 8 * 512);
            System.arraycopy(mine, 0, expected, 3 * 512, mine.length);
            assertArrayEquals(expected, readOk(d, 0, 8 * 512));
        }
        assertArrayEquals(original, Files.readAllBytes(p), "the lower file is untouched");
    }

    @Test
    void zerosWhereNoLayerHasData() throws Exception {
        try (Disk d = TestResolver.disk(LayeredDiskHandle.of(false, RamLayerHandle.of(8192), RamLayerHandle.of(4096)))) {
            assertEquals(16, d.sectorCount());
            assertArrayEquals(new byte[16 * 512], readOk(d, 0, 16 * 512));
        }
    }

    @Test
    void lowerLayerSmallerThanTheDiskReadsZerosBeyondIt() throws Exception {
        Path p = base(4, 2);
        try (Disk d = TestResolver.disk(LayeredDiskHandle.of(false, RamLayerHandle.of(8 * 512), fileLayer(p)))) {
            byte[] got = readOk(d, 2, 4 * 512);
            assertArrayEquals(Arrays.copyOfRange(pattern(4 * 512, 2), 2 * 512, 4 * 512), Arrays.copyOfRange(got, 0, 1024));
            assertArrayEquals(new byte[1024], Arrays.copyOfRange(got, 1024, 2048));
        }
    }

    @Test
    void threeLayersTakeEachSectorFromTheTopmostHolder() throws Exception {
        RamLayer top = new RamLayer(512, 8);
        RamLayer mid = new RamLayer(512, 8);
        RamLayer low = new RamLayer(512, 8);
        Io.writeOk(LayeredDisk.of(false, List.of(new LayeredDisk.Layer(low, false, false))), 0, pattern(8 * 512, 1));
        Io.writeOk(LayeredDisk.of(false, List.of(new LayeredDisk.Layer(mid, false, false))), 2, pattern(4 * 512, 2));
        Io.writeOk(LayeredDisk.of(false, List.of(new LayeredDisk.Layer(top, false, false))), 3, pattern(512, 3));
        Disk d = LayeredDisk.of(true, List.of(new LayeredDisk.Layer(top, false, false),
                new LayeredDisk.Layer(mid, false, false), new LayeredDisk.Layer(low, false, false)));
        byte[] got = readOk(d, 0, 8 * 512);
        assertArrayEquals(Arrays.copyOfRange(pattern(8 * 512, 1), 0, 1024), Arrays.copyOfRange(got, 0, 1024));
        assertArrayEquals(Arrays.copyOfRange(pattern(4 * 512, 2), 0, 512), Arrays.copyOfRange(got, 1024, 1536));
        assertArrayEquals(pattern(512, 3), Arrays.copyOfRange(got, 1536, 2048));
        assertArrayEquals(Arrays.copyOfRange(pattern(4 * 512, 2), 1024, 2048), Arrays.copyOfRange(got, 2048, 3072));
        assertArrayEquals(Arrays.copyOfRange(pattern(8 * 512, 1), 3072, 4096), Arrays.copyOfRange(got, 3072, 4096));
    }

    @Test
    void readOnlyDiskRefusesWritesAndUnmap() throws Exception {
        try (Disk d = TestResolver.disk(LayeredDiskHandle.of(true, RamLayerHandle.of(4096)))) {
            assertTrue(d.readOnly());
            assertEquals(DiskStatus.READ_ONLY, writeStatus(d, 0, 512));
            assertEquals(DiskStatus.READ_ONLY, await(d.unmap(0, 1)).status());
        }
    }

    @Test
    void aWritableDiskNeedsAWritableTopLayer() throws Exception {
        Path p = base(4, 3);
        ResolveException e = assertThrows(ResolveException.class,
                () -> TestResolver.disk(LayeredDiskHandle.of(false, fileLayer(p))));
        assertTrue(e.getMessage().contains("layer 0 (disk) is read-only"), e.getMessage());
        assertTrue(e.getMessage().startsWith("disk_handle:layered at disks[0] failed"), e.getMessage());
    }

    @Test
    void layerErrorsNameTheLayerPath() {
        ResolveException e = assertThrows(ResolveException.class, () -> TestResolver.disk(
                LayeredDiskHandle.of(false, RamLayerHandle.diff(), SqliteLayerHandle.open(dir.resolve("x.dbhd").toString()))));
        assertTrue(e.getMessage().startsWith("disk_layer_handle:sqlite at disks[0].layers[1] failed"), e.getMessage());
        ResolveException top = assertThrows(ResolveException.class,
                () -> TestResolver.disk(LayeredDiskHandle.of(false, RamLayerHandle.diff())));
        assertTrue(top.getMessage().contains("layers[0]") && top.getMessage().contains("needs a layer below"),
                top.getMessage());
    }

    @Test
    void readCacheIsFilledFromBelow() throws Exception {
        Path p = base(16, 4);
        RamLayer cache = new RamLayer(512, 16);
        Disk lower = TestResolver.disk(FileDiskHandle.of(p.toString(), true));
        Disk d = LayeredDisk.of(true, List.of(new LayeredDisk.Layer(cache, true, false),
                new LayeredDisk.Layer(new DiskAsLayer(lower), false, false)));
        assertArrayEquals(Arrays.copyOfRange(pattern(16 * 512, 4), 512, 5 * 512), readOk(d, 1, 4 * 512));
        Io.LayerRead cached = Io.readLayer(cache, 0, 16 * 512);
        assertEquals(4, cached.present().cardinality());
        assertTrue(cached.present().get(1) && cached.present().get(4));
        assertArrayEquals(Arrays.copyOfRange(pattern(16 * 512, 4), 512, 5 * 512),
                Arrays.copyOfRange(cached.data(), 512, 5 * 512));
        InspectNode n = new InspectNode();
        d.inspect(n);
        assertEquals(1L, n.at("cache_fills").orElseThrow(), n.render());
        d.close();
    }

    @Test
    void writeThroughReachesTheNextLayer() throws Exception {
        RamLayer top = new RamLayer(512, 8);
        RamLayer low = new RamLayer(512, 8);
        Disk d = LayeredDisk.of(false, List.of(new LayeredDisk.Layer(top, false, true), new LayeredDisk.Layer(low, false, false)));
        writeOk(d, 2, pattern(512, 9));
        assertEquals(1, Io.readLayer(top, 0, 8 * 512).present().cardinality());
        assertArrayEquals(pattern(512, 9), Arrays.copyOfRange(Io.readLayer(low, 0, 8 * 512).data(), 1024, 1536));
        assertThrows(IllegalArgumentException.class, () -> LayeredDisk.of(false,
                List.of(new LayeredDisk.Layer(new RamLayer(512, 8), false, true))));
    }

    @Test
    void unmapOnTopOfALowerDiskHidesItsData() throws Exception {
        Path p = base(8, 5);
        try (Disk d = TestResolver.disk(LayeredDiskHandle.of(false, RamLayerHandle.diff(), fileLayer(p)))) {
            assertTrue(d.supportsUnmap());
            assertEquals(DiskStatus.OK, await(d.unmap(2, 3)).status());
            byte[] got = readOk(d, 0, 8 * 512);
            assertArrayEquals(new byte[3 * 512], Arrays.copyOfRange(got, 1024, 1024 + 3 * 512));
            assertArrayEquals(Arrays.copyOfRange(pattern(8 * 512, 5), 0, 1024), Arrays.copyOfRange(got, 0, 1024));
        }
    }

    @Test
    void aFailingLayerGivesAnIoErrorNotAnException() {
        RamLayer good = new RamLayer(512, 8);
        org.jvmm.storage.disk.api.DiskLayer throwing = new BrokenLayer(false);
        org.jvmm.storage.disk.api.DiskLayer failing = new BrokenLayer(true);
        for (org.jvmm.storage.disk.api.DiskLayer bad : List.of(throwing, failing)) {
            Disk d = LayeredDisk.of(false, List.of(new LayeredDisk.Layer(good, false, false),
                    new LayeredDisk.Layer(bad, false, false)));
            assertEquals(DiskStatus.IO_ERROR, Io.readStatus(d, 0, 512));
            Disk top = LayeredDisk.of(false, List.of(new LayeredDisk.Layer(bad, false, false)));
            assertEquals(DiskStatus.IO_ERROR, Io.writeStatus(top, 0, 512));
            assertEquals(DiskStatus.IO_ERROR, await(top.flush()).status());
        }
    }

    @Test
    void mismatchedSectorSizesAreRefused() {
        ResolveException e = assertThrows(ResolveException.class, () -> TestResolver.disk(new LayeredDiskHandle(List.of(
                DiskLayerDescription.of(new RamLayerHandle(8192L, 4096)),
                DiskLayerDescription.of(new DiskLayerHandle(new RamDiskHandle(8192, 512)))), false)));
        assertTrue(e.getMessage().contains("sector size 512 differs"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
