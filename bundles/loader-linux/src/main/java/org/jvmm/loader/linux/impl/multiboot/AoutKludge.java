package org.jvmm.loader.linux.impl.multiboot;

import org.jvmm.guestmem.GuestMemory;
import org.jvmm.loader.linux.impl.BootAddresses;
import org.jvmm.loader.linux.impl.ImageException;

/**
 * Loads a Multiboot kernel by the header's addresses (flag 16): the file from
 * {@code header offset - (header_addr - load_addr)} goes to {@code load_addr}, up to
 * {@code load_end_addr} (the file's end when 0), then zeroes up to {@code bss_end_addr}.
 */
final class AoutKludge {
    private AoutKludge() {
    }

    static Placed load(byte[] image, MultibootHeader h, GuestMemory memory) throws ImageException {
        long fileOffset = h.offset() - (h.headerAddr() - h.loadAddr());
        if (h.headerAddr() < h.loadAddr() || fileOffset < 0) {
            throw new ImageException("Multiboot header_addr 0x%x lies below load_addr 0x%x"
                    .formatted(h.headerAddr(), h.loadAddr()));
        }
        long size = h.loadEndAddr() == 0 ? image.length - fileOffset : h.loadEndAddr() - h.loadAddr();
        if (size <= 0 || fileOffset + size > image.length) {
            throw new ImageException("Multiboot load_end_addr 0x%x lies beyond the file".formatted(h.loadEndAddr()));
        }
        long end = Math.max(h.loadAddr() + size, h.bssEndAddr());
        if (h.loadAddr() < BootAddresses.HIGH_MEMORY
                || memory.layout().offsetOf(h.loadAddr(), end - h.loadAddr()) < 0) {
            throw new ImageException("Multiboot kernel at 0x%x-0x%x is not in RAM above 1 MiB"
                    .formatted(h.loadAddr(), end));
        }
        if (h.entryAddr() < h.loadAddr() || h.entryAddr() >= end) {
            throw new ImageException("Multiboot entry 0x%x lies outside the kernel 0x%x-0x%x"
                    .formatted(h.entryAddr(), h.loadAddr(), end));
        }
        memory.write(h.loadAddr(), image, (int) fileOffset, (int) size);
        memory.fill(h.loadAddr() + size, end - h.loadAddr() - size, (byte) 0);
        return new Placed(h.loadAddr(), end, h.entryAddr());
    }
}
