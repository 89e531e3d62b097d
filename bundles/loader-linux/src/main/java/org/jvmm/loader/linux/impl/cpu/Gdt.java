package org.jvmm.loader.linux.impl.cpu;

import org.jvmm.guestmem.GuestMemory;
import org.jvmm.hv.api.Segment;
import org.jvmm.loader.linux.impl.ByteWriter;

/**
 * The loader's GDT, one for every entry mode: null, a flat 32-bit code segment (0x08), a 64-bit
 * code segment (0x10, Linux's {@code __BOOT_CS}) and a flat data segment (0x18, {@code __BOOT_DS}).
 */
public final class Gdt {
    public static final int CODE32 = 0x08;
    public static final int CODE64 = 0x10;
    public static final int DATA = 0x18;
    public static final int LIMIT = 4 * 8 - 1;

    private Gdt() {
    }

    public static byte[] bytes() {
        return new ByteWriter(32).u64(0).u64(descriptor(Segment.code32(CODE32)))
                .u64(descriptor(Segment.code64(CODE64))).u64(descriptor(Segment.data(DATA))).toByteArray();
    }

    public static void write(GuestMemory memory, long base) {
        byte[] b = bytes();
        memory.write(base, b, 0, b.length);
    }

    /** The 8-byte descriptor of a segment in the hidden-cache form (granular limits scaled to pages). */
    public static long descriptor(Segment s) {
        long limit = (s.attributes() & Segment.G) != 0 ? (s.limit() & 0xFFFF_FFFFL) >>> 12 : s.limit() & 0xFFFFF;
        long base = s.base();
        long attr = s.attributes();
        return (limit & 0xFFFF) | (base & 0xFF_FFFF) << 16 | (attr & 0xFF) << 40 | (limit >>> 16 & 0xF) << 48
                | (attr >>> 8 & 0xF) << 52 | (base >>> 24 & 0xFF) << 56;
    }
}
