package org.jvmm.vm.worker.impl.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vm.worker.SnapshotException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotsTest {
    static final SnapshotManifest VM = new SnapshotManifest(1, "x86_64", 1 << 20, 1, "emu", true);

    @Test
    void eachManifestMismatchIsNamed() {
        SnapshotManifest other = new SnapshotManifest(2, "aarch64", 2 << 20, 4, "emu", true);
        SnapshotException e = assertThrows(SnapshotException.class, () -> other.check(VM));
        for (String s : List.of("manifest version 2", "architecture aarch64", "memory size 2097152",
                "VP count 4 does not match --processors (1)")) {
            assertTrue(e.getMessage().contains(s), e.getMessage());
        }
    }

    @Test
    void aMatchingManifestPasses() throws Exception {
        VM.check(VM);
    }

    @Test
    void aDeviceWithoutStateRefusesTheSaveByName(@TempDir Path dir) {
        ChipsetDevice nvme = new ChipsetDevice() {
            @Override
            public String name() {
                return "nvme0";
            }

            @Override
            public void reset() {
            }

            @Override
            public void inspect(InspectNode node) {
            }
        };
        SnapshotException e = assertThrows(SnapshotException.class,
                () -> Snapshots.save(dir, VM, null, List.of(nvme), MemorySegment.ofArray(new byte[4096])));
        assertTrue(e.getMessage().startsWith("device nvme0 cannot save its state"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(Snapshots.MANIFEST)));
    }

    @Test
    void memorySkipsZeroPagesAndReadsBackExactly(@TempDir Path dir) throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ram = arena.allocate(64 * MemoryImage.PAGE);
            ram.set(ValueLayout.JAVA_BYTE, 5 * MemoryImage.PAGE + 7, (byte) 0x42);
            Path file = dir.resolve("memory.bin");
            MemoryImage.write(ram, file);
            assertEquals(ram.byteSize(), Files.size(file));
            MemorySegment back = arena.allocate(ram.byteSize());
            back.fill((byte) 1);
            MemoryImage.read(file, back);
            assertEquals(-1, ram.mismatch(back));
        }
    }
}
