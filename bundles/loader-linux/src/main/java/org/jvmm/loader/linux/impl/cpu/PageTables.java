package org.jvmm.loader.linux.impl.cpu;

import org.jvmm.guestmem.GuestMemory;
import org.jvmm.loader.linux.impl.BootAddresses;

/**
 * Identity-mapped page tables for the 64-bit entry: one PML4, one PDPT and four page directories
 * of 2 MiB pages covering the first 4 GiB (present, writable), in six pages from {@code base}.
 */
public final class PageTables {
    public static final int PRESENT = 1, WRITABLE = 2, LARGE = 0x80;
    public static final int PAGES = 6;
    public static final long LARGE_PAGE = 2L << 20;

    private PageTables() {
    }

    /** Writes the tables; returns the value for CR3 (the PML4's address). */
    public static long write(GuestMemory memory, long base) {
        long pml4 = base;
        long pdpt = base + BootAddresses.PAGE;
        long pd = base + 2 * BootAddresses.PAGE;
        memory.fill(base, PAGES * BootAddresses.PAGE, (byte) 0);
        memory.write64(pml4, pdpt | PRESENT | WRITABLE);
        for (int i = 0; i < 4; i++) {
            long dir = pd + i * BootAddresses.PAGE;
            memory.write64(pdpt + 8L * i, dir | PRESENT | WRITABLE);
            for (int e = 0; e < 512; e++) {
                long address = ((long) i * 512 + e) * LARGE_PAGE;
                memory.write64(dir + 8L * e, address | PRESENT | WRITABLE | LARGE);
            }
        }
        return pml4;
    }
}
