package org.jvmm.loader.linux.impl.fwcfg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.loader.linux.impl.ByteWriter;
import org.jvmm.loader.linux.impl.acpi.AcpiTables;
import org.jvmm.loader.linux.impl.acpi.Rsdp;
import org.jvmm.loader.linux.impl.acpi.Sdt;

/**
 * The ACPI tables as QEMU hands them to firmware (OVMF, SeaBIOS) through fw_cfg: the files
 * {@code etc/acpi/tables} (every table, laid out from offset 0, pointers as offsets into the file)
 * and {@code etc/acpi/rsdp}, and {@code etc/table-loader}, the linker script that tells the
 * firmware where to put them and how to fix the pointers and checksums: ALLOCATE both files,
 * ADD_POINTER for every pointer (RSDP -> RSDT/XSDT, root table entries, FADT -> FACS/DSDT), then
 * ADD_CHECKSUM for the tables whose bytes changed and for the RSDP (its 20-byte checksum first,
 * then the extended one). Each command is 128 bytes, little-endian, file names NUL-padded to 56.
 */
public final class AcpiTableLoader {
    public static final String TABLES = "etc/acpi/tables";
    public static final String RSDP = "etc/acpi/rsdp";
    public static final String LOADER = "etc/table-loader";
    static final int ALLOCATE = 1, ADD_POINTER = 2, ADD_CHECKSUM = 3;
    static final int ZONE_HIGH = 1, ZONE_FSEG = 2;
    static final int COMMAND_BYTES = 128, NAME_BYTES = 56;
    /** FADT fields holding pointers: FIRMWARE_CTRL, DSDT (32-bit), X_FIRMWARE_CTRL, X_DSDT (64-bit). */
    private static final int FADT_FACS = 36, FADT_DSDT = 40, FADT_X_FACS = 132, FADT_X_DSDT = 140;

    private AcpiTableLoader() {
    }

    /** Puts the three files for {@code image}, which must have been laid out at base 0. */
    public static void fill(FwCfgItems items, AcpiTables.AcpiImage image) {
        if (image.base() != 0) {
            throw new IllegalArgumentException("the fw_cfg ACPI image must be laid out at base 0");
        }
        byte[] tables = image.bytes();
        items.putFile(TABLES, tables);
        items.putFile(RSDP, java.util.Arrays.copyOf(tables, Rsdp.LENGTH));
        items.putFile(LOADER, script(image));
    }

    static byte[] script(AcpiTables.AcpiImage image) {
        byte[] t = image.bytes();
        List<byte[]> commands = new ArrayList<>();
        commands.add(allocate(TABLES, 64, ZONE_HIGH));
        commands.add(allocate(RSDP, 16, ZONE_FSEG));
        List<Integer> patched = new ArrayList<>();
        for (Map.Entry<String, Long> e : image.tables().entrySet()) {
            int at = (int) (long) e.getValue();
            switch (e.getKey()) {
                case "FACP" -> {
                    pointerIfSet(commands, t, at + FADT_FACS, 4);
                    pointerIfSet(commands, t, at + FADT_DSDT, 4);
                    pointerIfSet(commands, t, at + FADT_X_FACS, 8);
                    pointerIfSet(commands, t, at + FADT_X_DSDT, 8);
                    patched.add(at);
                }
                case "XSDT", "RSDT" -> {
                    int width = e.getKey().equals("XSDT") ? 8 : 4;
                    for (int p = at + Sdt.HEADER_LENGTH; p < at + length(t, at); p += width) {
                        commands.add(pointer(TABLES, TABLES, p, width));
                    }
                    patched.add(at);
                }
                default -> {
                    // RSDP (a copy, unused), FACS, DSDT, MADT, MCFG: no pointers
                }
            }
        }
        for (int at : patched) {
            commands.add(checksum(TABLES, at + Sdt.CHECKSUM_OFFSET, at, length(t, at)));
        }
        commands.add(pointer(RSDP, TABLES, 16, 4));
        commands.add(pointer(RSDP, TABLES, 24, 8));
        commands.add(checksum(RSDP, 8, 0, 20));
        commands.add(checksum(RSDP, 32, 0, Rsdp.LENGTH));
        ByteWriter w = new ByteWriter(commands.size() * COMMAND_BYTES);
        commands.forEach(w::bytes);
        return w.toByteArray();
    }

    private static void pointerIfSet(List<byte[]> commands, byte[] t, int at, int width) {
        long v = width == 4 ? u32(t, at) : u32(t, at) | u32(t, at + 4) << 32;
        if (v != 0) {
            commands.add(pointer(TABLES, TABLES, at, width));
        }
    }

    private static int length(byte[] t, int tableAt) {
        return (int) u32(t, tableAt + 4);
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    static byte[] allocate(String file, int align, int zone) {
        return command(new ByteWriter().u32(ALLOCATE).bytes(name(file)).u32(align).u8(zone));
    }

    static byte[] pointer(String dest, String src, int offset, int size) {
        return command(new ByteWriter().u32(ADD_POINTER).bytes(name(dest)).bytes(name(src)).u32(offset).u8(size));
    }

    static byte[] checksum(String file, int offset, int start, int length) {
        return command(new ByteWriter().u32(ADD_CHECKSUM).bytes(name(file)).u32(offset).u32(start).u32(length));
    }

    private static byte[] command(ByteWriter w) {
        return java.util.Arrays.copyOf(w.toByteArray(), COMMAND_BYTES);
    }

    private static byte[] name(String file) {
        return java.util.Arrays.copyOf(file.getBytes(StandardCharsets.US_ASCII), NAME_BYTES);
    }
}
