package org.jvmm.loader.linux.impl.acpi;

import org.jvmm.loader.linux.impl.ByteWriter;

/** The ACPI 2.0+ root system description pointer (36 bytes) with both of its checksums. */
public final class Rsdp {
    public static final int LENGTH = 36;

    private Rsdp() {
    }

    public static byte[] build(long rsdt, long xsdt) {
        ByteWriter w = new ByteWriter(LENGTH);
        w.ascii("RSD PTR ", 8, ' ').u8(0).ascii(Sdt.OEM_ID, 6, ' ').u8(2).u32(rsdt).u32(LENGTH).u64(xsdt)
                .u8(0).zeros(3);
        byte[] out = w.toByteArray();
        out[8] = Sdt.checksum(out, 0, 20);
        out[32] = Sdt.checksum(out, 0, LENGTH);
        return out;
    }
}
