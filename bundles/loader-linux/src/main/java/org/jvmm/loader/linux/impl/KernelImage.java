package org.jvmm.loader.linux.impl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jvmm.loader.linux.impl.bzimage.BzImage;
import org.jvmm.loader.linux.impl.bzimage.PayloadExtractor;
import org.jvmm.loader.linux.impl.elf.ElfImage;
import org.jvmm.loader.linux.impl.multiboot.MultibootHeader;
import org.jvmm.loader.linux.impl.pvh.PvhNote;

/** A kernel file, recognised: a bzImage, an ELF with a PVH entry, or a Multiboot v1 kernel. */
public sealed interface KernelImage {
    /** A bzImage booted through its 64-bit entry. */
    record Bz(BzImage image) implements KernelImage {
    }

    /**
     * An ELF booted through its PVH entry.
     *
     * @param details where it came from (a bzImage's payload and its compression)
     */
    record Pvh(ElfImage elf, long entry, Map<String, String> details) implements KernelImage {
        public Pvh {
            details = Map.copyOf(details);
        }
    }

    /** A Multiboot v1 kernel (ELF32 or a.out kludge). */
    record Multiboot(MultibootHeader header) implements KernelImage {
    }

    /**
     * Recognises {@code file}: a bzImage ("HdrS" at 0x202; with {@code pvh}, its payload is
     * decompressed and booted through PVH), a Multiboot header in the first 8 KiB (checked
     * before PVH, as QEMU does), an ELF with the PVH note.
     *
     * @throws ImageException naming what is wrong or that the format is unknown
     */
    static KernelImage detect(byte[] file, boolean pvh) throws ImageException {
        if (BzImage.matches(file)) {
            BzImage bz = BzImage.parse(file);
            return pvh ? fromPayload(bz) : new Bz(bz);
        }
        Optional<MultibootHeader> mb = MultibootHeader.find(file);
        if (mb.isPresent()) {
            return new Multiboot(mb.get());
        }
        if (ElfImage.isElf(file)) {
            ElfImage elf = ElfImage.parse(file);
            long entry = PvhNote.entry(elf).orElseThrow(() -> new ImageException(
                    "ELF kernel without a PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY) or a Multiboot header"));
            return new Pvh(elf, entry, Map.of("source", "vmlinux"));
        }
        throw new ImageException("not a bzImage, an ELF kernel with a PVH note or a Multiboot kernel");
    }

    private static Pvh fromPayload(BzImage bz) throws ImageException {
        byte[] payload = bz.payload();
        String compression = PayloadExtractor.compression(payload);
        byte[] vmlinux = PayloadExtractor.extract(payload);
        ElfImage elf;
        try {
            elf = ElfImage.parse(vmlinux);
        } catch (ImageException e) {
            throw new ImageException("the " + compression + " payload is not a vmlinux: " + e.getMessage(), e);
        }
        long entry = PvhNote.entry(elf).orElseThrow(() -> new ImageException(
                "the vmlinux inside has no PVH entry note (kernel built without CONFIG_PVH); boot it without pvh"));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("source", "bzImage payload");
        details.put("compression", compression);
        details.put("protocol", bz.header().versionString());
        return new Pvh(elf, entry, details);
    }
}
