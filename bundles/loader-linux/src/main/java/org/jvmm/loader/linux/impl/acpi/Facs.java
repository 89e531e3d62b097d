package org.jvmm.loader.linux.impl.acpi;

import org.jvmm.loader.linux.impl.ByteWriter;

/** The firmware ACPI control structure (64 bytes, 64-byte aligned, no checksum): version 2, no waking vector. */
public final class Facs {
    public static final int LENGTH = 64;

    private Facs() {
    }

    public static byte[] build() {
        ByteWriter w = new ByteWriter(LENGTH);
        w.ascii("FACS", 4, ' ').u32(LENGTH).u32(0).u32(0).u32(0).u32(0).u64(0).u8(2).zeros(3).u32(0);
        return w.align(LENGTH).toByteArray();
    }
}
