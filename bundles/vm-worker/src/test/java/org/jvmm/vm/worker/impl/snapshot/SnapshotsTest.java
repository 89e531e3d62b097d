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
    void pulseRestoresEveryUnitFromWhatItSaved() throws Exception {
        CountingDevice dev = new CountingDevice("uart0", 7);
        try (var memory = org.jvmm.guestmem.GuestMemory.create(org.jvmm.guestmem.GuestMemoryLayout.flat(4096))) {
            var partition = org.jvmm.vm.worker.impl.fake.FakeHypervisor.partitionFor(1, memory);
            Snapshots.pulse(partition, List.of(dev));
            assertEquals(7, dev.restored, "the device got back what it saved");
            assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), toList(partition.restored));
            assertEquals(List.of((byte) 0), toList(partition.vp(0).restored));
        }
    }

    /**
     * Guest time lives in the partition's state; devices with timers continue their time base from
     * the clock when they are restored, so the partition must be restored first (into a new VM the
     * clock reads 0 until then, and a PIT restored before it doubled its time).
     */
    @Test
    void thePartitionIsRestoredBeforeTheDevices() throws Exception {
        CountingDevice dev = new CountingDevice("pit", 3);
        try (var memory = org.jvmm.guestmem.GuestMemory.create(org.jvmm.guestmem.GuestMemoryLayout.flat(4096))) {
            var partition = org.jvmm.vm.worker.impl.fake.FakeHypervisor.partitionFor(1, memory);
            dev.partitionRestored = () -> partition.restored;
            Snapshots.pulse(partition, List.of(dev));
            org.junit.jupiter.api.Assertions.assertNotNull(dev.partitionAtRestore,
                    "the device was restored before the partition");
            assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), toList(dev.partitionAtRestore));
        }
    }

    @Test
    void pulseNamesTheUnitThatCannotRestore() throws Exception {
        CountingDevice dev = new CountingDevice("rtc", -1);
        try (var memory = org.jvmm.guestmem.GuestMemory.create(org.jvmm.guestmem.GuestMemoryLayout.flat(4096))) {
            var partition = org.jvmm.vm.worker.impl.fake.FakeHypervisor.partitionFor(1, memory);
            SnapshotException e = assertThrows(SnapshotException.class,
                    () -> Snapshots.pulse(partition, List.of(dev)));
            assertTrue(e.getMessage().startsWith("device rtc: "), e.getMessage());
        }
    }

    private static List<Byte> toList(byte[] b) {
        List<Byte> out = new java.util.ArrayList<>();
        for (byte x : b) {
            out.add(x);
        }
        return out;
    }

    /** Saves one byte; a negative value makes restore refuse. */
    private static final class CountingDevice implements ChipsetDevice {
        private final String name;
        private final int value;
        int restored = -100;
        /** Set by the test: what the partition had restored when this device was restored. */
        java.util.function.Supplier<byte[]> partitionRestored = () -> null;
        byte[] partitionAtRestore;

        CountingDevice(String name, int value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void reset() {
        }

        @Override
        public void inspect(InspectNode node) {
        }

        @Override
        public java.util.Optional<org.jvmm.chipset.api.StateUnit> state() {
            return java.util.Optional.of(new org.jvmm.chipset.api.StateUnit() {
                @Override
                public String unitName() {
                    return "test.counting";
                }

                @Override
                public int version() {
                    return 1;
                }

                @Override
                public byte[] save() {
                    return new byte[] {(byte) value};
                }

                @Override
                public void restore(int version, byte[] state) throws org.jvmm.chipset.api.StateUnitException {
                    if (state[0] < 0) {
                        throw new org.jvmm.chipset.api.StateUnitException("test.counting: refuses " + state[0]);
                    }
                    restored = state[0];
                    partitionAtRestore = partitionRestored.get();
                }
            });
        }
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
