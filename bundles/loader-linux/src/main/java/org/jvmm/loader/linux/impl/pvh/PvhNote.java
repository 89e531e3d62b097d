package org.jvmm.loader.linux.impl.pvh;

import java.util.Optional;
import org.jvmm.loader.linux.impl.ByteReader;
import org.jvmm.loader.linux.impl.elf.ElfImage;

/** The PVH entry point: the {@code XEN_ELFNOTE_PHYS32_ENTRY} note (type 18, name "Xen"), 4 or 8 bytes. */
public final class PvhNote {
    public static final String NAME = "Xen";
    public static final int XEN_ELFNOTE_PHYS32_ENTRY = 18;

    private PvhNote() {
    }

    /** The 32-bit physical entry address, if the image has the note. */
    public static Optional<Long> entry(ElfImage elf) {
        return elf.note(NAME, XEN_ELFNOTE_PHYS32_ENTRY).filter(d -> d.length == 4 || d.length == 8)
                .map(d -> d.length == 4 ? ByteReader.u32(d, 0) : ByteReader.u64(d, 0));
    }
}
