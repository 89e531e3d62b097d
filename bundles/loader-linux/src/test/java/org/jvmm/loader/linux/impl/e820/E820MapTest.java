package org.jvmm.loader.linux.impl.e820;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.junit.jupiter.api.Test;

class E820MapTest {
    static final long GIB = 1L << 30;

    @Test
    void pcMapReservesTheBiosAreaAndFollowsTheHole() {
        E820Map map = E820Map.pc(GuestMemoryLayout.pc(4 * GIB));
        assertEquals(List.of(new E820Entry(0, 0x9FC00, E820Entry.RAM),
                new E820Entry(0x9FC00, 0x100000 - 0x9FC00, E820Entry.RESERVED),
                new E820Entry(0x100000, 3 * GIB - 0x100000, E820Entry.RAM),
                new E820Entry(4 * GIB, GIB, E820Entry.RAM)), map.entries());
        assertEquals(3 * GIB, map.lowRamTop());
        assertTrue(map.isRam(0x100000, 3 * GIB - 0x100000));
        assertFalse(map.isRam(3 * GIB - 4096, 8192), "into the MMIO hole");
        assertFalse(map.isRam(0x9F000, 0x2000), "into the reserved area");
    }

    @Test
    void markSplitsEntriesAndKeepsThemSorted() {
        E820Map map = E820Map.pc(GuestMemoryLayout.pc(64L << 20)).mark(0xE0000, 0xF0000, E820Entry.ACPI)
                .mark(0x200000, 0x300000, E820Entry.NVS);
        assertEquals(List.of("[0x0-0x9fc00) ram", "[0x9fc00-0xe0000) reserved", "[0xe0000-0xf0000) acpi",
                "[0xf0000-0x100000) reserved", "[0x100000-0x200000) ram", "[0x200000-0x300000) nvs",
                "[0x300000-0x4000000) ram"), map.entries().stream().map(E820Entry::toString).toList());
        assertEquals(0x200000, map.lowRamTop(), "the RAM entry that holds 1 MiB");
    }

    @Test
    void smallMemoryHasNoRamAbove1MiB() {
        E820Map map = E820Map.pc(GuestMemoryLayout.pc(0x80000));
        assertEquals(List.of(new E820Entry(0, 0x80000, E820Entry.RAM)), map.entries());
        assertEquals(0, map.lowRamTop());
    }
}
