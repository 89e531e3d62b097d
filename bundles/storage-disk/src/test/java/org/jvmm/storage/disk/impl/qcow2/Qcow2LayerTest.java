package org.jvmm.storage.disk.impl.qcow2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.storage.disk.impl.Io.pattern;
import static org.jvmm.storage.disk.impl.Io.readOk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.api.LayerGeometry;
import org.jvmm.storage.disk.impl.Io;
import org.jvmm.storage.disk.impl.TestResolver;
import org.jvmm.storage.disk.resources.DiskLayerHandle;
import org.jvmm.storage.disk.resources.FileDiskHandle;
import org.jvmm.storage.disk.resources.LayeredDiskHandle;
import org.jvmm.storage.disk.resources.Qcow2LayerHandle;
import org.jvmm.storage.disk.resources.RamLayerHandle;
import org.jvmm.vmm.resource.ResolveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Qcow2LayerTest {
    private static final int C = Qcow2Builder.CLUSTER;

    @TempDir
    Path dir;

    private Path image() throws IOException {
        return new Qcow2Builder().write(dir.resolve("a.qcow2"), pattern(C, 1), pattern(C, 3));
    }

    @Test
    void dataZeroAndCompressedClustersArePresentTheRestFallsThrough() throws Exception {
        Path q = image();
        Path base = dir.resolve("base.img");
        Files.write(base, pattern(8 * C, 9));
        LayeredDiskHandle h = LayeredDiskHandle.of(true, new Qcow2LayerHandle(q.toString()),
                new DiskLayerHandle(FileDiskHandle.of(base.toString(), true)));
        try (Disk d = TestResolver.disk(h)) {
            assertEquals(8 * C / 512, d.sectorCount());
            byte[] got = readOk(d, 0, 5 * C);
            assertArrayEquals(pattern(C, 1), Arrays.copyOfRange(got, 0, C), "data cluster");
            assertArrayEquals(Arrays.copyOfRange(pattern(8 * C, 9), C, 2 * C), Arrays.copyOfRange(got, C, 2 * C),
                    "unallocated: from the layer below");
            assertArrayEquals(new byte[C], Arrays.copyOfRange(got, 2 * C, 3 * C), "zero flag hides the layer below");
            assertArrayEquals(pattern(C, 3), Arrays.copyOfRange(got, 3 * C, 4 * C), "compressed cluster");
            assertArrayEquals(Arrays.copyOfRange(pattern(8 * C, 9), 4 * C, 5 * C), Arrays.copyOfRange(got, 4 * C, 5 * C));
            assertArrayEquals(Arrays.copyOfRange(pattern(C, 3), 1024, 1536), readOk(d, (3 * C + 1024) / 512, 512),
                    "part of a compressed cluster");
        }
    }

    @Test
    void writableOnlyUnderAWritableLayer() throws Exception {
        Path q = image();
        ResolveException e = assertThrows(ResolveException.class,
                () -> TestResolver.disk(LayeredDiskHandle.of(false, new Qcow2LayerHandle(q.toString()))));
        assertTrue(e.getMessage().contains("layer 0 (qcow2) is read-only"), e.getMessage());
        try (Disk d = TestResolver.disk(LayeredDiskHandle.of(false, RamLayerHandle.diff(), new Qcow2LayerHandle(q.toString())))) {
            Io.writeOk(d, 0, pattern(512, 5));
            assertArrayEquals(pattern(512, 5), readOk(d, 0, 512));
            assertArrayEquals(Arrays.copyOfRange(pattern(C, 1), 512, C), readOk(d, 1, C - 512));
            assertEquals(DiskStatus.OUT_OF_RANGE, Io.readStatus(d, 8 * C / 512, 512));
        }
    }

    @Test
    void version2HasNoZeroFlag() throws Exception {
        Path q = new Qcow2Builder().version(2).write(dir.resolve("v2.qcow2"), pattern(C, 1), pattern(C, 3));
        Qcow2Layer l = Qcow2LayerResolver.open(q.toString(), Optional.empty());
        Io.LayerRead r = Io.readLayer(l, 0, 4 * C);
        assertEquals(2 * C / 512, r.present().cardinality(), "clusters 0 and 3, not 1 and not 2");
        assertTrue(r.present().get(0) && r.present().get(3 * C / 512) && !r.present().get(2 * C / 512));
        l.close();
    }

    @Test
    void unsupportedImagesAreRefusedByName() throws Exception {
        assertRefused(new Qcow2Builder().encrypted(), "encrypted qcow2 images are not supported (crypt_method luks)");
        assertRefused(new Qcow2Builder().incompatible(1 << 2), "external data file");
        assertRefused(new Qcow2Builder().incompatible(1 << 1), "marked corrupt");
        assertRefused(new Qcow2Builder().incompatible(1 << 4), "extended L2");
        assertRefused(new Qcow2Builder().incompatible(1 << 9), "unknown qcow2 incompatible features 0x200");
        assertRefused(new Qcow2Builder().version(1), "qcow2 version 1 is not supported");
        assertRefused(new Qcow2Builder().backing("base.raw"), "has the backing file 'base.raw'");
        Path junk = dir.resolve("junk");
        Files.write(junk, new byte[4096]);
        IOException e = assertThrows(IOException.class, () -> Qcow2LayerResolver.open(junk.toString(), Optional.empty()));
        assertTrue(e.getMessage().contains("is not a qcow2 image"), e.getMessage());
    }

    @Test
    void aBackingFileIsFineWithALayerBelow() throws Exception {
        Path q = new Qcow2Builder().backing("base.raw").write(dir.resolve("b.qcow2"), pattern(C, 1), pattern(C, 3));
        Qcow2Layer l = Qcow2LayerResolver.open(q.toString(), Optional.of(new LayerGeometry(512, 64, Optional.empty())));
        assertEquals(64, l.sectorCount());
        l.close();
    }

    private void assertRefused(Qcow2Builder b, String message) throws IOException {
        Path q = b.write(dir.resolve("bad.qcow2"), pattern(C, 1), pattern(C, 3));
        IOException e = assertThrows(IOException.class, () -> Qcow2LayerResolver.open(q.toString(), Optional.empty()));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
