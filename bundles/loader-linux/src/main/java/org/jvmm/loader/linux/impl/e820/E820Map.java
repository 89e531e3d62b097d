package org.jvmm.loader.linux.impl.e820;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.guestmem.RamRange;
import org.jvmm.loader.linux.impl.BootAddresses;

/**
 * The guest's memory map: the RAM ranges of its layout, with ranges carved out of them and given
 * another type. Entries stay sorted and never overlap.
 */
public final class E820Map {
    private final List<E820Entry> entries = new ArrayList<>();

    private E820Map() {
    }

    /**
     * The PC map: RAM below 0x9FC00, 0x9FC00-0x100000 reserved (EBDA, option ROMs, BIOS), then
     * the layout's RAM up to the MMIO hole and above 4 GiB.
     */
    public static E820Map pc(GuestMemoryLayout layout) {
        E820Map map = new E820Map();
        for (RamRange r : layout.ranges()) {
            map.entries.add(new E820Entry(r.gpa(), r.size(), E820Entry.RAM));
        }
        map.mark(BootAddresses.EBDA, BootAddresses.HIGH_MEMORY, E820Entry.RESERVED);
        return map;
    }

    /** Gives {@code [start, end)} the type {@code type} wherever it overlaps existing entries. */
    public E820Map mark(long start, long end, int type) {
        List<E820Entry> out = new ArrayList<>();
        for (E820Entry e : entries) {
            if (e.end() <= start || e.addr() >= end) {
                out.add(e);
                continue;
            }
            addIfNonEmpty(out, e.addr(), Math.max(e.addr(), start), e.type());
            addIfNonEmpty(out, Math.max(e.addr(), start), Math.min(e.end(), end), type);
            addIfNonEmpty(out, Math.min(e.end(), end), e.end(), e.type());
        }
        entries.clear();
        entries.addAll(out);
        return this;
    }

    public List<E820Entry> entries() {
        return List.copyOf(entries);
    }

    /** Whether {@code [addr, addr + len)} lies inside one usable RAM entry. */
    public boolean isRam(long addr, long len) {
        return entries.stream().anyMatch(e -> e.type() == E820Entry.RAM && addr >= e.addr()
                && len >= 0 && addr + len <= e.end());
    }

    /** End of the RAM entry that contains 1 MiB: the top of conventional RAM below the hole. */
    public long lowRamTop() {
        return entries.stream().filter(e -> e.type() == E820Entry.RAM && e.addr() <= BootAddresses.HIGH_MEMORY
                && e.end() > BootAddresses.HIGH_MEMORY).mapToLong(E820Entry::end).findFirst().orElse(0);
    }

    private static void addIfNonEmpty(List<E820Entry> out, long from, long to, int type) {
        if (to > from) {
            out.add(new E820Entry(from, to - from, type));
        }
    }
}
