package org.jvmm.guestmem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GuestMemoryAtomicsTest {

    private GuestMemory mem;

    @BeforeEach
    void create() throws IOException {
        mem = GuestMemory.create(GuestMemoryLayout.flat(8192));
    }

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void compareExchange32SucceedsOnlyOnExpectedValue() {
        mem.write32(0x40, 5);
        assertFalse(mem.compareExchange32(0x40, 4, 9));
        assertEquals(5, mem.read32(0x40));
        assertTrue(mem.compareExchange32(0x40, 5, 0x8000_0001));
        assertEquals(0x8000_0001, mem.read32(0x40));
        assertEquals((byte) 0x01, mem.read8(0x40), "little-endian in guest memory");
    }

    @Test
    void compareExchange64SucceedsOnlyOnExpectedValue() {
        mem.write64(0x80, -1L);
        assertFalse(mem.compareExchange64(0x80, 0, 1));
        assertTrue(mem.compareExchange64(0x80, -1L, 0x1122_3344_5566_7788L));
        assertEquals(0x1122_3344_5566_7788L, mem.read64(0x80));
        assertEquals((byte) 0x88, mem.read8(0x80));
    }

    @Test
    void getAndAddReturnsOldValue() {
        mem.write32(0x100, 10);
        assertEquals(10, mem.getAndAdd32(0x100, 5));
        assertEquals(15, mem.read32(0x100));
        mem.write64(0x108, 1L << 40);
        assertEquals(1L << 40, mem.getAndAdd64(0x108, -1));
        assertEquals((1L << 40) - 1, mem.read64(0x108));
    }

    @Test
    void atomicsRequireNaturalAlignmentAndRam() {
        GuestMemoryException e = assertThrows(GuestMemoryException.class,
                () -> mem.compareExchange32(0x42, 0, 1));
        assertEquals(0x42, e.gpa());
        assertThrows(GuestMemoryException.class, () -> mem.getAndAdd32(0x41, 1));
        assertThrows(GuestMemoryException.class, () -> mem.compareExchange64(0x84, 0, 1));
        assertThrows(GuestMemoryException.class, () -> mem.getAndAdd64(0x8C, 1));
        assertThrows(GuestMemoryException.class, () -> mem.getAndAdd32(8192, 1));
        assertThrows(GuestMemoryException.class, () -> mem.getAndAdd64(-8, 1));
    }

    @Test
    void concurrentGetAndAddGivesExactTotal() throws InterruptedException {
        int perThread = 200_000;
        Runnable adder = () -> {
            for (int i = 0; i < perThread; i++) {
                mem.getAndAdd32(0x200, 1);
                mem.getAndAdd64(0x208, 3);
            }
        };
        Thread a = new Thread(adder);
        Thread b = new Thread(adder);
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(2 * perThread, mem.read32(0x200));
        assertEquals(6L * perThread, mem.read64(0x208));
    }
}
