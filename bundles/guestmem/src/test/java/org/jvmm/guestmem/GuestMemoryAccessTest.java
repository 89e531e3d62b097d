package org.jvmm.guestmem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GuestMemoryAccessTest {

    private static final long SIZE = 64 * 1024;

    private GuestMemory mem;

    @BeforeEach
    void create() throws IOException {
        mem = GuestMemory.create(GuestMemoryLayout.flat(SIZE));
    }

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void scalarRoundTripsAreLittleEndianAndUnaligned() {
        mem.write8(1, (byte) 0xA5);
        assertEquals((byte) 0xA5, mem.read8(1));
        mem.write16(3, (short) 0xBEEF);
        assertEquals((short) 0xBEEF, mem.read16(3));
        assertEquals((byte) 0xEF, mem.read8(3));
        mem.write32(0x101, 0x1234_5678);
        assertEquals(0x1234_5678, mem.read32(0x101));
        assertEquals((byte) 0x78, mem.read8(0x101));
        assertEquals((byte) 0x12, mem.read8(0x104));
        mem.write64(0x203, 0x0102_0304_0506_0708L);
        assertEquals(0x0102_0304_0506_0708L, mem.read64(0x203));
        assertEquals(0x0506_0708, mem.read32(0x203));
        assertEquals((byte) 0x01, mem.read8(0x20A));
    }

    @Test
    void byteArrayRoundTrip() {
        byte[] src = {9, 8, 7, 6, 5, 4, 3};
        mem.write(0x1000, src, 2, 4);
        byte[] dst = new byte[6];
        mem.read(0x1000, dst, 1, 4);
        assertArrayEquals(new byte[] {0, 7, 6, 5, 4, 0}, dst);
        assertThrows(IndexOutOfBoundsException.class, () -> mem.read(0, dst, 4, 4));
    }

    @Test
    void segmentRoundTrip() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocateFrom(ValueLayout.JAVA_BYTE, new byte[] {1, 2, 3, 4, 5});
            mem.write(SIZE - 5, src);
            MemorySegment dst = arena.allocate(5);
            mem.read(SIZE - 5, dst);
            assertEquals(-1, src.mismatch(dst));
            assertThrows(GuestMemoryException.class, () -> mem.write(SIZE - 4, src));
            assertThrows(GuestMemoryException.class, () -> mem.read(SIZE - 4, dst));
        }
    }

    @Test
    void fillSetsExactlyTheRange() {
        mem.fill(0x10, 4, (byte) 0x7F);
        assertEquals(0, mem.read8(0x0F));
        assertEquals(0x7F7F_7F7F, mem.read32(0x10));
        assertEquals(0, mem.read8(0x14));
        assertThrows(GuestMemoryException.class, () -> mem.fill(SIZE - 2, 4, (byte) 1));
    }

    @Test
    void lastByteIsTheBound() {
        mem.write8(SIZE - 1, (byte) 1);
        assertEquals(1, mem.read8(SIZE - 1));
        assertDoesNotThrow(() -> mem.read16(SIZE - 2));
        assertDoesNotThrow(() -> mem.read64(SIZE - 8));
        assertThrows(GuestMemoryException.class, () -> mem.read8(SIZE));
        assertThrows(GuestMemoryException.class, () -> mem.read16(SIZE - 1));
        assertThrows(GuestMemoryException.class, () -> mem.write32(SIZE - 3, 0));
        assertThrows(GuestMemoryException.class, () -> mem.write64(SIZE - 7, 0));
    }

    @Test
    void exceptionNamesAddressAndLengthInHex() {
        GuestMemoryException e = assertThrows(GuestMemoryException.class,
                () -> mem.read64(Long.MAX_VALUE - 2));
        assertEquals(Long.MAX_VALUE - 2, e.gpa());
        assertEquals(8, e.length());
        assertTrue(e.getMessage().contains("0x7ffffffffffffffd"), e.getMessage());
        assertTrue(e.getMessage().contains("0x8"), e.getMessage());
    }

    @Test
    void negativeAndOverflowingAddressesFail() {
        assertThrows(GuestMemoryException.class, () -> mem.read8(-1));
        assertThrows(GuestMemoryException.class, () -> mem.write64(-4, 0));
        assertThrows(GuestMemoryException.class, () -> mem.read64(Long.MAX_VALUE - 2));
        assertThrows(GuestMemoryException.class, () -> mem.fill(8, Long.MAX_VALUE, (byte) 0));
        assertThrows(GuestMemoryException.class, () -> mem.slice(Long.MIN_VALUE, 16));
    }

    @Test
    void tryVariantsReportInsteadOfThrowing() {
        byte[] buf = {1, 2, 3, 4};
        assertTrue(mem.tryWrite(SIZE - 4, buf, 0, 4));
        byte[] back = new byte[4];
        assertTrue(mem.tryRead(SIZE - 4, back, 0, 4));
        assertArrayEquals(buf, back);
        assertFalse(mem.tryWrite(SIZE - 3, buf, 0, 4));
        assertFalse(mem.tryRead(-2, back, 0, 4));
        assertFalse(mem.tryRead(Long.MAX_VALUE - 2, back, 0, 4));
        assertEquals(0x0403_0201, mem.read32(SIZE - 4), "failed write left memory alone");
    }

    @Test
    void sliceIsBoundedView() {
        MemorySegment slice = mem.slice(0x2000, 16);
        assertEquals(16, slice.byteSize());
        slice.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 12, 0xCAFE);
        assertEquals(0xCAFE, mem.read32(0x200C));
        assertThrows(IndexOutOfBoundsException.class, () -> slice.get(ValueLayout.JAVA_BYTE, 16));
        assertThrows(IndexOutOfBoundsException.class, () -> slice.asSlice(8, 16));
        assertEquals(8, mem.slice(SIZE - 8, 8).byteSize());
        assertThrows(GuestMemoryException.class, () -> mem.slice(SIZE - 8, 9));
    }

    @Test
    void closeIsIdempotentAndLaterAccessesFail() {
        mem.close();
        mem.close();
        assertThrows(IllegalStateException.class, () -> mem.read8(0));
        assertThrows(IllegalStateException.class, () -> mem.write64(8, 1));
        assertThrows(IllegalStateException.class, () -> mem.read8(SIZE));
        assertThrows(IllegalStateException.class, () -> mem.tryRead(0, new byte[1], 0, 1));
        assertThrows(IllegalStateException.class, () -> mem.slice(0, 8));
        assertThrows(IllegalStateException.class, () -> mem.compareExchange32(0, 0, 1));
        assertThrows(IllegalStateException.class, mem::segment);
    }
}
