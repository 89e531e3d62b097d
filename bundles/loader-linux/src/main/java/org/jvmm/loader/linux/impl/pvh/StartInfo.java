package org.jvmm.loader.linux.impl.pvh;

import java.util.List;
import org.jvmm.loader.linux.impl.ByteWriter;
import org.jvmm.loader.linux.impl.ImageException;
import org.jvmm.loader.linux.impl.e820.E820Entry;

/**
 * {@code struct hvm_start_info} version 1 (Xen's public/arch-x86/hvm/start_info.h), followed in
 * the same block by its module list ({@code hvm_modlist_entry}, the initrd) and its memory map
 * ({@code hvm_memmap_table_entry}, e820 types).
 */
public final class StartInfo {
    public static final int MAGIC = 0x336E_C578;
    public static final int VERSION = 1;
    public static final int SIZE = 0x38;
    public static final int MODLIST_OFFSET = 0x40;
    public static final int MEMMAP_OFFSET = 0x80;
    public static final int MODULE_SIZE = 32, MEMMAP_ENTRY_SIZE = 24;

    private StartInfo() {
    }

    /**
     * The block for guest address {@code base}.
     *
     * @param initrd    {address, size} of the initrd, or null
     * @param blockSize room the block may take; the memory map must fit in it
     */
    public static byte[] build(long base, long cmdline, long rsdp, long[] initrd, List<E820Entry> memmap,
            int blockSize) throws ImageException {
        if (MEMMAP_OFFSET + (long) MEMMAP_ENTRY_SIZE * memmap.size() > blockSize) {
            throw new ImageException("memory map of " + memmap.size() + " entries does not fit hvm_start_info's page");
        }
        ByteWriter w = new ByteWriter(blockSize);
        w.u32(MAGIC).u32(VERSION).u32(0).u32(initrd == null ? 0 : 1).u64(initrd == null ? 0 : base + MODLIST_OFFSET)
                .u64(cmdline).u64(rsdp).u64(base + MEMMAP_OFFSET).u32(memmap.size()).u32(0);
        w.zeros(MODLIST_OFFSET - w.size());
        if (initrd != null) {
            w.u64(initrd[0]).u64(initrd[1]).u64(0).u64(0);
        }
        w.zeros(MEMMAP_OFFSET - w.size());
        for (E820Entry e : memmap) {
            w.u64(e.addr()).u64(e.size()).u32(e.type()).u32(0);
        }
        return w.toByteArray();
    }
}
