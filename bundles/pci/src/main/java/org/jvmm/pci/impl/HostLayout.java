package org.jvmm.pci.impl;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.guestmem.RamRange;
import org.jvmm.pci.resources.PcieRootComplexHandle;

/**
 * Where a root complex's resources are, with the automatic 64-bit window resolved against guest
 * RAM: at {@code highMmioBase}, or at the first 1 GiB boundary at or above 4 GiB and the end of
 * RAM.
 */
record HostLayout(String name, int startBus, int endBus, long ecamBase, MmioRange lowMmio,
        Optional<MmioRange> highMmio, PortRange ioWindow, List<Integer> intxGsis) {
    static final long ONE_GIB = 1L << 30;
    static final long FOUR_GIB = 1L << 32;

    /** @throws IllegalArgumentException when a window or the ECAM overlaps RAM */
    static HostLayout of(PcieRootComplexHandle h, GuestMemoryLayout memory) {
        MmioRange low = new MmioRange(h.name() + "-mmio32", h.lowMmioBase(), h.lowMmioSize());
        Optional<MmioRange> high = Optional.empty();
        if (h.highMmioSize() > 0) {
            long base = h.highMmioBase() != 0 ? h.highMmioBase() : autoHighBase(memory);
            high = Optional.of(new MmioRange(h.name() + "-mmio64", base, h.highMmioSize()));
        }
        HostLayout layout = new HostLayout(h.name(), h.startBus(), h.endBus(), h.ecamBase(), low, high,
                new PortRange(h.name() + "-io", h.ioBase(), h.ioSize()), h.intxGsis());
        for (RamRange r : memory.ranges()) {
            layout.checkNotRam(layout.ecamRange(), r);
            layout.checkNotRam(low, r);
            high.ifPresent(w -> layout.checkNotRam(w, r));
        }
        return layout;
    }

    /** The MMIO the ECAM claims: buses startBus..endBus. */
    MmioRange ecamRange() {
        return new MmioRange(name + "-ecam", ecamBase + ((long) startBus << 20), (endBus - startBus + 1L) << 20);
    }

    private static long autoHighBase(GuestMemoryLayout memory) {
        long top = FOUR_GIB;
        for (RamRange r : memory.ranges()) {
            top = Math.max(top, r.end());
        }
        return (top + ONE_GIB - 1) & -ONE_GIB;
    }

    private void checkNotRam(MmioRange range, RamRange ram) {
        if (range.start() < ram.end() && ram.gpa() < range.start() + range.length()) {
            throw new IllegalArgumentException(String.format("%s 0x%x-0x%x overlaps guest RAM 0x%x-0x%x", range.name(),
                    range.start(), range.start() + range.length() - 1, ram.gpa(), ram.end() - 1));
        }
    }
}
