package org.jvmm.loader.linux.impl.fwcfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.loader.linux.impl.acpi.AcpiTables;
import org.jvmm.loader.linux.impl.acpi.ComPortDevice;
import org.jvmm.loader.linux.impl.acpi.Sdt;
import org.jvmm.loader.linux.impl.platform.Platform;
import org.junit.jupiter.api.Test;

/** Runs the table-loader script the way firmware does and walks the tables it produced. */
class AcpiTableLoaderTest {
    private static final long TABLES_AT = 0x7F00_0000L, RSDP_AT = 0xF_0000L;

    private static AcpiTables.AcpiImage image() {
        Platform p = new Platform(2, List.of(), List.of(new Platform.IoApic(0, 0xFEC0_0000L, 0)), OptionalInt.of(0x600),
                true, true);
        return AcpiTables.build(p, 0, List.of(new ComPortDevice("COM1", 1, 0x3F8, 4)));
    }

    /** A guest memory of the two allocated files, the loader script applied. */
    private static Map<Long, byte[]> load(FwCfgItems items) {
        byte[] script = file(items, AcpiTableLoader.LOADER);
        Map<String, byte[]> files = new HashMap<>();
        Map<String, Long> at = new HashMap<>();
        ByteBuffer b = ByteBuffer.wrap(script).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, script.length % AcpiTableLoader.COMMAND_BYTES);
        for (int c = 0; c < script.length; c += AcpiTableLoader.COMMAND_BYTES) {
            int command = b.getInt(c);
            String first = name(script, c + 4);
            switch (command) {
                case AcpiTableLoader.ALLOCATE -> {
                    files.put(first, file(items, first).clone());
                    at.put(first, first.equals(AcpiTableLoader.RSDP) ? RSDP_AT : TABLES_AT);
                    assertEquals(first.equals(AcpiTableLoader.RSDP) ? AcpiTableLoader.ZONE_FSEG : AcpiTableLoader.ZONE_HIGH,
                            script[c + 4 + 56 + 4]);
                }
                case AcpiTableLoader.ADD_POINTER -> {
                    String src = name(script, c + 4 + 56);
                    int offset = b.getInt(c + 4 + 112);
                    int size = script[c + 4 + 116];
                    ByteBuffer dest = ByteBuffer.wrap(files.get(first)).order(ByteOrder.LITTLE_ENDIAN);
                    if (size == 4) {
                        dest.putInt(offset, (int) (dest.getInt(offset) + at.get(src)));
                    } else {
                        dest.putLong(offset, dest.getLong(offset) + at.get(src));
                    }
                }
                case AcpiTableLoader.ADD_CHECKSUM -> {
                    int offset = b.getInt(c + 4 + 56), start = b.getInt(c + 4 + 60), length = b.getInt(c + 4 + 64);
                    byte[] f = files.get(first);
                    int sum = 0;
                    for (int i = start; i < start + length; i++) {
                        sum += f[i];
                    }
                    f[offset] -= (byte) sum;
                }
                default -> throw new AssertionError("unknown command " + command);
            }
        }
        return Map.of(RSDP_AT, files.get(AcpiTableLoader.RSDP), TABLES_AT, files.get(AcpiTableLoader.TABLES));
    }

    @Test
    void theLoadedTablesChainFromTheRsdpWithValidChecksums() {
        FwCfgItems items = new FwCfgItems();
        AcpiTableLoader.fill(items, image());
        Map<Long, byte[]> memory = load(items);
        byte[] rsdp = memory.get(RSDP_AT), tables = memory.get(TABLES_AT);
        assertEquals("RSD PTR ", new String(rsdp, 0, 8, StandardCharsets.US_ASCII));
        assertTrue(Sdt.checksumOk(rsdp, 0, 20) && Sdt.checksumOk(rsdp, 0, 36), "RSDP checksums");
        ByteBuffer r = ByteBuffer.wrap(rsdp).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer t = ByteBuffer.wrap(tables).order(ByteOrder.LITTLE_ENDIAN);
        int xsdt = (int) (r.getLong(24) - TABLES_AT);
        assertEquals("XSDT", sig(tables, xsdt));
        assertEquals(TABLES_AT + xsdt - 0, r.getLong(24));
        List<String> listed = new ArrayList<>();
        for (int p = xsdt + 36; p < xsdt + t.getInt(xsdt + 4); p += 8) {
            int table = (int) (t.getLong(p) - TABLES_AT);
            listed.add(sig(tables, table));
            assertTrue(Sdt.checksumOk(tables, table, t.getInt(table + 4)), sig(tables, table) + " checksum");
        }
        assertEquals(List.of("FACP", "APIC"), listed);
        int rsdt = (int) (r.getInt(16) - TABLES_AT);
        assertEquals("RSDT", sig(tables, rsdt));
        assertTrue(Sdt.checksumOk(tables, rsdt, t.getInt(rsdt + 4)) && Sdt.checksumOk(tables, xsdt, t.getInt(xsdt + 4)));
        int fadt = (int) (t.getLong(xsdt + 36) - TABLES_AT);
        assertEquals("DSDT", sig(tables, (int) (t.getLong(fadt + 140) - TABLES_AT)), "X_DSDT");
        assertEquals("DSDT", sig(tables, (int) (t.getInt(fadt + 40) - TABLES_AT)), "DSDT");
        assertEquals("FACS", sig(tables, (int) (t.getInt(fadt + 36) - TABLES_AT)), "FIRMWARE_CTRL");
    }

    @Test
    void onlyAnImageLaidOutAtZeroCanBeLoaded() {
        Platform p = new Platform(1, List.of(), List.of(), OptionalInt.empty(), false, false);
        assertThrows(IllegalArgumentException.class,
                () -> AcpiTableLoader.fill(new FwCfgItems(), AcpiTables.build(p, 0xE0000, List.of())));
    }

    private static String sig(byte[] tables, int at) {
        return new String(tables, at, 4, StandardCharsets.US_ASCII);
    }

    private static String name(byte[] script, int at) {
        int end = at;
        while (script[end] != 0) {
            end++;
        }
        return new String(script, at, end - at, StandardCharsets.US_ASCII);
    }

    private static byte[] file(FwCfgItems items, String name) {
        byte[] dir = items.get(FwCfgItems.FILE_DIR).orElseThrow();
        ByteBuffer d = ByteBuffer.wrap(dir);
        int count = d.getInt(0);
        for (int i = 0; i < count; i++) {
            int e = 4 + i * 64;
            int select = d.getShort(e + 4) & 0xFFFF;
            String n = new String(dir, e + 8, 56, StandardCharsets.US_ASCII).replace("\0", "");
            if (n.equals(name)) {
                return items.get(select).orElseThrow();
            }
        }
        throw new AssertionError("no fw_cfg file " + name);
    }
}
