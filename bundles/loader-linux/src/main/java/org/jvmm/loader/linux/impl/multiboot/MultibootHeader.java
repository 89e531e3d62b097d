package org.jvmm.loader.linux.impl.multiboot;

import static org.jvmm.loader.linux.impl.ByteReader.u32;

import java.util.Optional;
import org.jvmm.loader.linux.impl.ImageException;

/**
 * A Multiboot v1 header: the magic 0x1BADB002 at a 4-byte aligned offset in the first 8 KiB,
 * flags, and a checksum making the three sum to zero; with flag 16, the a.out-kludge addresses.
 *
 * @param offset    file offset of the header
 * @param flags     the flags word
 * @param headerAddr physical address the header is loaded at (flag 16)
 * @param loadAddr  physical address of the first byte loaded (flag 16)
 * @param loadEndAddr end of the loaded file part, 0 for the whole file (flag 16)
 * @param bssEndAddr end of the bss, 0 for none (flag 16)
 * @param entryAddr entry point (flag 16)
 */
public record MultibootHeader(int offset, int flags, long headerAddr, long loadAddr, long loadEndAddr,
        long bssEndAddr, long entryAddr) {
    public static final long MAGIC = 0x1BADB002L;
    public static final int SEARCH = 8192;
    public static final int PAGE_ALIGN = 1, MEMORY_INFO = 2, VIDEO_MODE = 4, AOUT_KLUDGE = 1 << 16;
    private static final int SUPPORTED_REQUIRED = PAGE_ALIGN | MEMORY_INFO | VIDEO_MODE;

    /** The header, if the first 8 KiB of {@code image} has a valid one. */
    public static Optional<MultibootHeader> find(byte[] image) {
        for (int at = 0; at + 12 <= Math.min(image.length, SEARCH); at += 4) {
            long flags = u32(image, at + 4);
            if (u32(image, at) == MAGIC && ((MAGIC + flags + u32(image, at + 8)) & 0xFFFF_FFFFL) == 0) {
                boolean kludge = (flags & AOUT_KLUDGE) != 0 && at + 32 <= image.length;
                return Optional.of(new MultibootHeader(at, (int) flags,
                        kludge ? u32(image, at + 12) : 0, kludge ? u32(image, at + 16) : 0,
                        kludge ? u32(image, at + 20) : 0, kludge ? u32(image, at + 24) : 0,
                        kludge ? u32(image, at + 28) : 0));
            }
        }
        return Optional.empty();
    }

    public boolean aoutKludge() {
        return (flags & AOUT_KLUDGE) != 0;
    }

    /** Refuses required features (flags 0-15) the loader does not know. */
    public void checkSupported() throws ImageException {
        int unknown = flags & 0xFFFF & ~SUPPORTED_REQUIRED;
        if (unknown != 0) {
            throw new ImageException("Multiboot header requires unknown features (flags 0x%x)".formatted(unknown));
        }
    }
}
