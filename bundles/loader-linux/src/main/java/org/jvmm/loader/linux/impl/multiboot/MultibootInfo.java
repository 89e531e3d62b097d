package org.jvmm.loader.linux.impl.multiboot;

import java.util.List;
import org.jvmm.loader.linux.impl.ByteWriter;
import org.jvmm.loader.linux.impl.ImageException;
import org.jvmm.loader.linux.impl.e820.E820Entry;

/**
 * The Multiboot v1 information block as QEMU's {@code -kernel} fills it: memory sizes, the
 * command line, the modules (the initrd) and the memory map, plus the boot loader name, in one
 * block: the 116-byte info structure, the module list at +0x80, the memory map at +0x100.
 */
public final class MultibootInfo {
    public static final int BOOTLOADER_MAGIC = 0x2BADB002;
    public static final int FLAG_MEM = 1, FLAG_CMDLINE = 1 << 2, FLAG_MODS = 1 << 3, FLAG_MMAP = 1 << 6,
            FLAG_LOADER_NAME = 1 << 9;
    public static final int SIZE = 116, MODS_OFFSET = 0x80, MMAP_OFFSET = 0x100, MODULE_SIZE = 16, MMAP_ENTRY = 24;

    private MultibootInfo() {
    }

    /** One module: {@code [start, end)} and the address of its NUL-terminated string. */
    public record Module(long start, long end, long string) {
    }

    /**
     * @param memLowerKb KiB of RAM from 0 (up to 640)
     * @param memUpperKb KiB of RAM from 1 MiB to the first hole
     */
    public static byte[] build(long base, long memLowerKb, long memUpperKb, long cmdline, List<Module> modules,
            List<E820Entry> mmap, long loaderName, int blockSize) throws ImageException {
        if (MODS_OFFSET + MODULE_SIZE * modules.size() > MMAP_OFFSET
                || MMAP_OFFSET + (long) MMAP_ENTRY * mmap.size() > blockSize) {
            throw new ImageException("Multiboot modules or memory map do not fit the info page");
        }
        int flags = FLAG_MEM | FLAG_CMDLINE | FLAG_MODS | FLAG_MMAP | FLAG_LOADER_NAME;
        ByteWriter w = new ByteWriter(blockSize);
        w.u32(flags).u32(memLowerKb).u32(memUpperKb).u32(0).u32(cmdline).u32(modules.size())
                .u32(modules.isEmpty() ? 0 : base + MODS_OFFSET).zeros(16)
                .u32((long) MMAP_ENTRY * mmap.size()).u32(base + MMAP_OFFSET).u32(0).u32(0).u32(0)
                .u32(loaderName);
        w.zeros(MODS_OFFSET - w.size());
        for (Module m : modules) {
            w.u32(m.start()).u32(m.end()).u32(m.string()).u32(0);
        }
        w.zeros(MMAP_OFFSET - w.size());
        for (E820Entry e : mmap) {
            w.u32(MMAP_ENTRY - 4).u64(e.addr()).u64(e.size()).u32(e.type());
        }
        return w.toByteArray();
    }
}
