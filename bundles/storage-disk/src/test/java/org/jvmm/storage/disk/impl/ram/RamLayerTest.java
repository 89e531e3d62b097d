package org.jvmm.storage.disk.impl.ram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.storage.disk.impl.Io.await;
import static org.jvmm.storage.disk.impl.Io.pattern;
import static org.jvmm.storage.disk.impl.Io.readLayer;
import static org.jvmm.storage.disk.impl.Io.readOk;
import static org.jvmm.storage.disk.impl.Io.readStatus;
import static org.jvmm.storage.disk.impl.Io.writeOk;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.api.LayerGeometry;
import org.jvmm.storage.disk.impl.Io;
import org.jvmm.storage.disk.impl.TestResolver;
import org.jvmm.storage.disk.resources.RamDiskHandle;
import org.jvmm.storage.disk.resources.RamLayerHandle;
import org.junit.jupiter.api.Test;

class RamLayerTest {
    @Test
    void unwrittenSectorsReadAsZerosAndAreNotPresent() {
        RamLayer l = new RamLayer(512, 1024);
        Io.LayerRead r = readLayer(l, 100, 8 * 512);
        assertTrue(r.present().isEmpty());
        byte[] data = pattern(512, 3);
        assertEquals(DiskResult.ok(), await(l.write(103, List.of(MemorySegment.ofArray(data)), false)));
        r = readLayer(l, 100, 8 * 512);
        BitSet expected = new BitSet();
        expected.set(3);
        assertEquals(expected, r.present());
        assertArrayEquals(data, Arrays.copyOfRange(r.data(), 3 * 512, 4 * 512));
    }

    @Test
    void writesAcrossChunksAndSparseAllocation() throws Exception {
        try (Disk d = TestResolver.disk(RamDiskHandle.of(64L << 20))) {
            assertArrayEquals(new byte[4096], readOk(d, 5000, 4096));
            byte[] data = pattern(300 * 512, 4);
            long sector = 127; // straddles chunk boundaries (128 sectors a chunk)
            writeOk(d, sector, data);
            assertArrayEquals(data, readOk(d, sector, data.length));
            InspectNode n = new InspectNode();
            d.inspect(n);
            assertEquals(4, n.at("layers/0/layer/chunks").orElseThrow(), n.render());
        }
    }

    @Test
    void noOverwriteKeepsWhatIsPresent() {
        RamLayer l = new RamLayer(512, 16);
        byte[] first = pattern(512, 1);
        await(l.write(1, List.of(MemorySegment.ofArray(first)), false));
        assertEquals(DiskResult.ok(), await(l.writeNoOverwrite(0, List.of(MemorySegment.ofArray(pattern(3 * 512, 2))))));
        Io.LayerRead r = readLayer(l, 0, 3 * 512);
        assertEquals(3, r.present().cardinality());
        assertArrayEquals(first, Arrays.copyOfRange(r.data(), 512, 1024));
        assertArrayEquals(Arrays.copyOfRange(pattern(3 * 512, 2), 0, 512), Arrays.copyOfRange(r.data(), 0, 512));
    }

    @Test
    void unmapForgetsOrZeroes() {
        RamLayer l = new RamLayer(512, 256);
        await(l.write(0, List.of(MemorySegment.ofArray(pattern(256 * 512, 5))), false));
        assertEquals(DiskResult.ok(), await(l.unmap(0, 128, true)));
        assertTrue(readLayer(l, 0, 128 * 512).present().isEmpty());
        assertEquals(DiskResult.ok(), await(l.unmap(128, 2, false)));
        Io.LayerRead r = readLayer(l, 128, 4 * 512);
        assertEquals(4, r.present().cardinality());
        assertArrayEquals(new byte[1024], Arrays.copyOfRange(r.data(), 0, 1024));
        assertEquals(DiskStatus.OUT_OF_RANGE, await(l.unmap(250, 7, true)).status());
    }

    @Test
    void outOfRangeAndClosed() throws Exception {
        Disk d = TestResolver.disk(new RamDiskHandle(4096, 4096));
        assertEquals(4096, d.sectorSize());
        assertEquals(1, d.sectorCount());
        assertEquals(DiskStatus.OUT_OF_RANGE, readStatus(d, 1, 4096));
        assertEquals(DiskStatus.OUT_OF_RANGE, readStatus(d, 0, 512));
        d.close();
        assertEquals(DiskStatus.IO_ERROR, readStatus(d, 0, 4096));
    }

    @Test
    void sizeFromTheHandleOrTheLowerLayer() throws IOException {
        LayerGeometry lower = new LayerGeometry(4096, 10, Optional.empty());
        RamLayer diff = RamLayerResolver.attach(RamLayerHandle.diff(), Optional.of(lower));
        assertEquals(4096, diff.sectorSize());
        assertEquals(10, diff.sectorCount());
        assertEquals(8, RamLayerResolver.attach(RamLayerHandle.of(4096), Optional.empty()).sectorCount());
        assertThrows(IOException.class, () -> RamLayerResolver.attach(RamLayerHandle.diff(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> RamLayerHandle.of(1000));
    }
}
