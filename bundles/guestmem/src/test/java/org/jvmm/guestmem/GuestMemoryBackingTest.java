package org.jvmm.guestmem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestMemoryBackingTest {

    private static final ValueLayout.OfLong LE64 =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long GIB = 1L << 30;

    private static boolean linux() {
        return System.getProperty("os.name").startsWith("Linux");
    }

    @Test
    void memfdIsSharedWithASecondMapping() throws IOException {
        assumeTrue(linux());
        try (GuestMemory mem = GuestMemory.create(GuestMemoryLayout.flat(1 << 20))) {
            int fd = mem.fd().orElseThrow();
            Path proc = Path.of("/proc/self/fd/" + fd);
            assertTrue(Files.readSymbolicLink(proc).toString().startsWith("/memfd:"));
            mem.write64(0x8_0010, 0x0123_4567_89AB_CDEFL);
            try (Arena arena = Arena.ofConfined();
                 FileChannel channel = FileChannel.open(proc, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                assertEquals(1 << 20, channel.size());
                MemorySegment other = channel.map(FileChannel.MapMode.READ_WRITE, 0, 1 << 20, arena);
                assertEquals(0x0123_4567_89AB_CDEFL, other.get(LE64, 0x8_0010));
                other.set(LE64, 0xF_FFF8, 42L);
                assertEquals(42L, mem.read64(0xF_FFF8));
            }
            assertEquals(Optional.empty(), mem.file());
        }
    }

    @Test
    void closeClosesTheMemfd() throws IOException {
        assumeTrue(linux());
        GuestMemory mem = GuestMemory.create(GuestMemoryLayout.flat(4096));
        Path proc = Path.of("/proc/self/fd/" + mem.fd().orElseThrow());
        mem.close();
        assertFalse(Files.exists(proc) && Files.readSymbolicLink(proc).toString().contains("jvmm-guest-ram"));
        assertThrows(IllegalStateException.class, mem::fd);
    }

    @Test
    void pcLayoutAboveFourGib() throws IOException {
        try (GuestMemory mem = GuestMemory.create(GuestMemoryLayout.pc(5 * GIB))) {
            assertEquals(5 * GIB, mem.ramSize());
            mem.write64(0xBFFF_FFF8L, 1);
            mem.write64(0x1_0000_0000L, 2);
            mem.write64(6 * GIB - 8, 3);
            assertEquals(2, mem.segment().get(LE64, 3 * GIB));
            assertEquals(3, mem.segment().get(LE64, 5 * GIB - 8));
            assertEquals(1, mem.read64(0xBFFF_FFF8L));
            GuestMemoryException e = assertThrows(GuestMemoryException.class, () -> mem.read32(0xFEE0_0000L));
            assertTrue(e.getMessage().contains("0xfee00000"), e.getMessage());
            assertThrows(GuestMemoryException.class, () -> mem.read64(0xBFFF_FFFCL));
            assertThrows(GuestMemoryException.class, () -> mem.read8(6 * GIB));
            assertFalse(mem.tryWrite(0xC000_0000L, new byte[1], 0, 1));
        }
    }

    @Test
    void fileBackedMemoryPersistsAcrossReopen(@TempDir Path dir) throws IOException {
        Path ram = dir.resolve("guest.ram");
        GuestMemoryLayout layout = GuestMemoryLayout.flat(64 * 1024);
        try (GuestMemory mem = GuestMemory.create(layout, ram)) {
            assertEquals(Optional.of(ram), mem.file());
            assertTrue(mem.fd().isEmpty());
            mem.write64(0x100, 0x5555_AAAA_1234_5678L);
            mem.write8(64 * 1024 - 1, (byte) 0x77);
        }
        assertEquals(64 * 1024, Files.size(ram));
        try (GuestMemory mem = GuestMemory.create(layout, ram)) {
            assertEquals(0x5555_AAAA_1234_5678L, mem.read64(0x100));
            assertEquals(0x77, mem.read8(64 * 1024 - 1));
        }
        byte[] bytes = Files.readAllBytes(ram);
        assertEquals(0x78, bytes[0x100]);
    }

    @Test
    void fileIsExtendedAndExistingContentKept(@TempDir Path dir) throws IOException {
        Path ram = dir.resolve("small.ram");
        Files.write(ram, new byte[] {1, 2, 3});
        try (GuestMemory mem = GuestMemory.create(GuestMemoryLayout.flat(8192), ram)) {
            assertEquals(0x0003_0201, mem.read32(0));
            assertEquals(0, mem.read8(8191));
        }
        assertEquals(8192, Files.size(ram));
    }

    @Test
    void unopenableFileFailsWithIOException(@TempDir Path dir) {
        Path missingParent = dir.resolve("no/such/dir/guest.ram");
        assertThrows(IOException.class, () -> GuestMemory.create(GuestMemoryLayout.flat(4096), missingParent));
    }
}
