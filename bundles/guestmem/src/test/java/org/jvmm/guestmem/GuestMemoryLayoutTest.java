package org.jvmm.guestmem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GuestMemoryLayoutTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void pcBelowHoleIsOneRange() {
        GuestMemoryLayout layout = GuestMemoryLayout.pc(512 * MIB);
        assertEquals(List.of(new RamRange(0, 512 * MIB, 0)), layout.ranges());
        assertEquals(512 * MIB, layout.ramSize());
        assertEquals(0xC000_0000L, layout.mmioHoleStart());
        assertEquals(0x1_0000_0000L, layout.mmioHoleEnd());
        assertEquals(512 * MIB - 4, layout.offsetOf(512 * MIB - 4, 4));
        assertEquals(-1, layout.offsetOf(512 * MIB - 3, 4));
    }

    @Test
    void pcFourGibSplitsAroundHole() {
        GuestMemoryLayout layout = GuestMemoryLayout.pc(4 * GIB);
        assertEquals(List.of(new RamRange(0, 3 * GIB, 0), new RamRange(4 * GIB, GIB, 3 * GIB)),
                layout.ranges());
        assertEquals(4 * GIB, layout.ramSize());
        assertEquals(3 * GIB - 1, layout.offsetOf(0xBFFF_FFFFL, 1));
        assertEquals(-1, layout.offsetOf(0xC000_0000L, 1));
        assertEquals(-1, layout.offsetOf(0xBFFF_FFFEL, 4), "straddles into the hole");
        assertEquals(3 * GIB, layout.offsetOf(4 * GIB, 8));
        assertEquals(4 * GIB - 8, layout.offsetOf(5 * GIB - 8, 8));
        assertEquals(-1, layout.offsetOf(5 * GIB - 7, 8));
    }

    @Test
    void pcFiveGibPutsTwoGibAboveFour() {
        GuestMemoryLayout layout = GuestMemoryLayout.pc(5 * GIB);
        assertEquals(List.of(new RamRange(0, 3 * GIB, 0), new RamRange(4 * GIB, 2 * GIB, 3 * GIB)),
                layout.ranges());
        assertEquals(5 * GIB, layout.ramSize());
        assertEquals(5 * GIB - 1, layout.offsetOf(6 * GIB - 1, 1));
        assertEquals(-1, layout.offsetOf(6 * GIB, 1));
    }

    @Test
    void pcExactlyThreeGibHasNoHighRange() {
        assertEquals(1, GuestMemoryLayout.pc(3 * GIB).ranges().size());
    }

    @Test
    void holeMembership() {
        GuestMemoryLayout layout = GuestMemoryLayout.pc(8 * GIB);
        assertFalse(layout.isMmioHole(0xBFFF_FFFFL));
        assertTrue(layout.isMmioHole(0xC000_0000L));
        assertTrue(layout.isMmioHole(0xFEE0_0000L));
        assertTrue(layout.isMmioHole(0xFFFF_FFFFL));
        assertFalse(layout.isMmioHole(0x1_0000_0000L));
        assertFalse(layout.isMmioHole(-1));
        assertFalse(GuestMemoryLayout.flat(GIB).isMmioHole(0xC000_0000L));
    }

    @Test
    void flatIsOneRangeWithoutHole() {
        GuestMemoryLayout layout = GuestMemoryLayout.flat(8 * GIB);
        assertEquals(List.of(new RamRange(0, 8 * GIB, 0)), layout.ranges());
        assertEquals(0xC000_0000L, layout.offsetOf(0xC000_0000L, 8));
    }

    @Test
    void offsetOfIsOverflowSafe() {
        GuestMemoryLayout layout = GuestMemoryLayout.pc(8 * GIB);
        assertEquals(-1, layout.offsetOf(Long.MAX_VALUE - 2, 8));
        assertEquals(-1, layout.offsetOf(Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(-1, layout.offsetOf(-1, 1));
        assertEquals(-1, layout.offsetOf(Long.MIN_VALUE, 8));
        assertEquals(-1, layout.offsetOf(-8, 16), "negative gpa wrapping into RAM");
        assertEquals(-1, layout.offsetOf(0, -1));
        assertEquals(-1, layout.offsetOf(16, Long.MIN_VALUE));
        assertEquals(-1, layout.offsetOf(4 * GIB, Long.MAX_VALUE));
    }

    @Test
    void rejectsBadRamSizes() {
        assertThrows(IllegalArgumentException.class, () -> GuestMemoryLayout.pc(0));
        assertThrows(IllegalArgumentException.class, () -> GuestMemoryLayout.pc(-4096));
        assertThrows(IllegalArgumentException.class, () -> GuestMemoryLayout.pc(4097));
        assertThrows(IllegalArgumentException.class, () -> GuestMemoryLayout.flat(100));
    }

    @Test
    void rejectsBadRanges() {
        assertThrows(IllegalArgumentException.class, () -> new RamRange(0, 4096, 1));
        assertThrows(IllegalArgumentException.class, () -> new RamRange(-4096, 4096, 0));
        assertThrows(IllegalArgumentException.class, () -> new RamRange(0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RamRange(Long.MAX_VALUE & ~4095L, 8192, 0));
    }

    @Test
    void rejectsBadLayouts() {
        RamRange low = new RamRange(0, 8192, 0);
        RamRange high = new RamRange(16384, 8192, 8192);
        assertThrows(IllegalArgumentException.class, () -> new GuestMemoryLayout(List.of(), 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new GuestMemoryLayout(List.of(high, low), 0, 0), "unsorted");
        assertThrows(IllegalArgumentException.class,
                () -> new GuestMemoryLayout(List.of(low, new RamRange(4096, 8192, 8192)), 0, 0),
                "overlapping guest addresses");
        assertThrows(IllegalArgumentException.class,
                () -> new GuestMemoryLayout(List.of(low, new RamRange(16384, 8192, 4096)), 0, 0),
                "shared segment bytes");
        assertThrows(IllegalArgumentException.class,
                () -> new GuestMemoryLayout(List.of(low, high), 4096, 12288), "RAM in the hole");
        assertThrows(IllegalArgumentException.class,
                () -> new GuestMemoryLayout(List.of(low), 12288, 8192), "hole ends before start");
        assertEquals(16384, new GuestMemoryLayout(List.of(low, high), 8192, 16384).ramSize());
    }
}
