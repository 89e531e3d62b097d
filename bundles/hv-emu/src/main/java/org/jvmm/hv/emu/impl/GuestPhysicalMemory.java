package org.jvmm.hv.emu.impl;

import java.lang.foreign.MemorySegment;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.RamRange;
import org.jvmm.hv.emu.impl.cpu.PhysicalMemory;

/**
 * The CPU's physical address space over {@link GuestMemory}: the layout's RAM ranges map straight to
 * offsets in its segment; every other address (the MMIO hole, above RAM) is MMIO for the chipset.
 * Ranges are page aligned, so the answer is the same for all bytes of a page, as the CPU requires.
 */
final class GuestPhysicalMemory implements PhysicalMemory {
    private final MemorySegment ram;
    private final long[] starts;
    private final long[] ends;
    private final long[] offsets;

    GuestPhysicalMemory(GuestMemory memory) {
        this.ram = memory.segment();
        var ranges = memory.layout().ranges();
        starts = new long[ranges.size()];
        ends = new long[ranges.size()];
        offsets = new long[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            RamRange r = ranges.get(i);
            starts[i] = r.gpa();
            ends[i] = r.end();
            offsets[i] = r.offset();
        }
    }

    @Override
    public MemorySegment ram() {
        return ram;
    }

    @Override
    public long ramOffset(long gpa, boolean write) {
        for (int i = 0; i < starts.length; i++) {
            if (gpa >= starts[i] && gpa < ends[i]) {
                return offsets[i] + (gpa - starts[i]);
            }
        }
        return -1;
    }
}
