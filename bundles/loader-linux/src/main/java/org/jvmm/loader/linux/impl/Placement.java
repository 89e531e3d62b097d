package org.jvmm.loader.linux.impl;

import org.jvmm.loader.linux.impl.e820.E820Map;

/** Where an initrd goes. */
public final class Placement {
    private Placement() {
    }

    /**
     * The highest page-aligned address at which {@code size} bytes end at or below {@code limit}
     * and the top of RAM below 4 GiB, above {@code floor} (the end of what the kernel uses).
     */
    public static long high(E820Map e820, long size, long limit, long floor) throws ImageException {
        long top = Math.min(limit, e820.lowRamTop());
        long at = BootAddresses.alignDown(top - size, BootAddresses.PAGE);
        if (top - size < floor || !e820.isRam(at, size)) {
            throw new ImageException("initrd of %d bytes does not fit between the kernel's end 0x%x and 0x%x; "
                    .formatted(size, floor, top) + "give the VM more memory");
        }
        return at;
    }

    /** The first page-aligned address at or above {@code from}, if {@code size} bytes of RAM are there. */
    public static long after(E820Map e820, long size, long from) throws ImageException {
        long at = BootAddresses.alignUp(from, BootAddresses.PAGE);
        if (!e820.isRam(at, size)) {
            throw new ImageException("module of %d bytes does not fit in RAM at 0x%x; give the VM more memory"
                    .formatted(size, at));
        }
        return at;
    }
}
