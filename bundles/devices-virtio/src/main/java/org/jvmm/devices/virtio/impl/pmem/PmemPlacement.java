package org.jvmm.devices.virtio.impl.pmem;

import java.util.Optional;
import org.jvmm.chipset.api.MmioMapper;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.guestmem.RamRange;

/**
 * Where pmem regions go: 1 GiB-aligned slots from {@value #FIRST_SLOT_GIB} GiB (or above the top of
 * RAM, if higher) up to {@value #LIMIT_BITS} address bits, the first one the MMIO mapper accepts
 * (another device's range there makes it refuse). Far above RAM and the PCI 64-bit window's default
 * place (just above RAM), and inside the 39 physical address bits every x86-64 host has.
 */
final class PmemPlacement {
    static final long GIB = 1L << 30;
    static final int FIRST_SLOT_GIB = 64;
    static final int LIMIT_BITS = 39;

    private PmemPlacement() {
    }

    /** Maps {@code backing}'s region at the first free slot; empty when none is free. */
    static Optional<PmemRegion> place(MmioMapper mapper, GuestMemoryLayout layout, PmemBacking backing) {
        long step = align(backing.size());
        for (long start = firstSlot(layout); start + backing.size() <= 1L << LIMIT_BITS; start += step) {
            PmemRegion region = new PmemRegion(start, backing);
            try {
                mapper.map(region.range(), region);
                return Optional.of(region);
            } catch (IllegalArgumentException taken) {
                // another device's range overlaps this slot: try the next one
            }
        }
        return Optional.empty();
    }

    static long firstSlot(GuestMemoryLayout layout) {
        long top = 0;
        for (RamRange r : layout.ranges()) {
            top = Math.max(top, r.end());
        }
        return Math.max(FIRST_SLOT_GIB * GIB, align(top));
    }

    private static long align(long n) {
        return (n + GIB - 1) & -GIB;
    }
}
