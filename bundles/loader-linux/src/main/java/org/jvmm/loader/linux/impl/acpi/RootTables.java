package org.jvmm.loader.linux.impl.acpi;

import java.util.List;
import org.jvmm.loader.linux.impl.ByteWriter;

/** The XSDT (64-bit pointers) and the RSDT (32-bit pointers) listing the same tables. */
public final class RootTables {
    private RootTables() {
    }

    public static byte[] xsdt(List<Long> tables) {
        ByteWriter w = new ByteWriter();
        tables.forEach(w::u64);
        return Sdt.table("XSDT", 1, w.toByteArray());
    }

    public static byte[] rsdt(List<Long> tables) {
        ByteWriter w = new ByteWriter();
        tables.forEach(w::u32);
        return Sdt.table("RSDT", 1, w.toByteArray());
    }

    public static int xsdtLength(int tables) {
        return Sdt.HEADER_LENGTH + 8 * tables;
    }

    public static int rsdtLength(int tables) {
        return Sdt.HEADER_LENGTH + 4 * tables;
    }
}
