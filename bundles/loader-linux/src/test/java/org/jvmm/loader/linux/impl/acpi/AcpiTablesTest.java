package org.jvmm.loader.linux.impl.acpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.jvmm.loader.linux.impl.ByteReader;
import org.jvmm.loader.linux.impl.platform.Platform;
import org.junit.jupiter.api.Test;

class AcpiTablesTest {
    static final long BASE = 0xE0000;

    static Platform pc(int cpus, OptionalInt pm) {
        return new Platform(cpus,
                List.of(new Platform.ComPort("com1", 0x3F8, 4), new Platform.ComPort("com2", 0x2F8, 3)),
                List.of(new Platform.IoApic(0, 0xFEC0_0000L, 0)), pm, true, true);
    }

    static AcpiTables.AcpiImage build(Platform p) {
        return AcpiTables.build(p, BASE, List.of(new ComPortDevice("COM1", 1, 0x3F8, 4)));
    }

    /** The table at guest address {@code at}, by its length field. */
    static byte[] table(AcpiTables.AcpiImage img, long at) {
        int off = (int) (at - img.base());
        int len = (int) ByteReader.u32(img.bytes(), off + 4);
        return java.util.Arrays.copyOfRange(img.bytes(), off, off + len);
    }

    static String sig(byte[] t) {
        return new String(t, 0, 4, StandardCharsets.US_ASCII);
    }

    @Test
    void rsdpPointsToTheRootTablesAndEveryChecksumHolds() {
        AcpiTables.AcpiImage img = build(pc(2, OptionalInt.of(0x600)));
        byte[] b = img.bytes();
        assertEquals("RSD PTR ", new String(b, 0, 8, StandardCharsets.US_ASCII));
        assertTrue(Sdt.checksumOk(b, 0, 20), "ACPI 1.0 checksum");
        assertTrue(Sdt.checksumOk(b, 0, 36), "extended checksum");
        assertEquals(2, b[15], "revision");
        long rsdt = ByteReader.u32(b, 16);
        long xsdt = ByteReader.u64(b, 24);
        assertEquals(img.tables().get("XSDT"), xsdt);
        assertEquals(img.tables().get("RSDT"), rsdt);
        byte[] x = table(img, xsdt);
        assertEquals("XSDT", sig(x));
        assertEquals(List.of(img.tables().get("FACP"), img.tables().get("APIC")),
                List.of(ByteReader.u64(x, 36), ByteReader.u64(x, 44)));
        assertEquals(52, x.length);
        byte[] r = table(img, rsdt);
        assertEquals(img.tables().get("APIC"), ByteReader.u32(r, 40));
        for (String name : List.of("DSDT", "FACP", "APIC", "XSDT", "RSDT")) {
            byte[] t = table(img, img.tables().get(name));
            assertEquals(name, sig(t));
            assertTrue(Sdt.checksumOk(t, 0, t.length), name + " checksum");
            assertEquals("JVMM  ", new String(t, 10, 6, StandardCharsets.US_ASCII), name + " OEM id");
        }
        assertEquals(0, img.tables().get("FACS") % 64, "FACS 64-byte aligned");
        assertEquals("FACS", sig(table(img, img.tables().get("FACS"))));
    }

    @Test
    void fadtDescribesThePmBlockResetRegisterAndDsdt() {
        AcpiTables.AcpiImage img = build(pc(1, OptionalInt.of(0x600)));
        byte[] f = table(img, img.tables().get("FACP"));
        assertEquals(276, f.length);
        assertEquals(6, f[8], "revision");
        assertEquals(img.tables().get("FACS"), ByteReader.u32(f, 36));
        assertEquals(img.tables().get("DSDT"), ByteReader.u32(f, 40));
        assertEquals(9, ByteReader.u16(f, 46), "SCI_INT");
        assertEquals(0, ByteReader.u32(f, 48), "SMI_CMD: always in ACPI mode");
        assertEquals(0x600, ByteReader.u32(f, 56), "PM1a_EVT_BLK");
        assertEquals(0x604, ByteReader.u32(f, 64), "PM1a_CNT_BLK");
        assertEquals(0x608, ByteReader.u32(f, 76), "PM_TMR_BLK");
        assertEquals(0x620, ByteReader.u32(f, 80), "GPE0_BLK");
        assertEquals(List.of(4, 2, 0, 4, 8), List.of((int) f[88], (int) f[89], (int) f[90], (int) f[91], (int) f[92]));
        assertEquals(0x32, f[108], "CENTURY");
        assertEquals(7, ByteReader.u16(f, 109), "legacy devices, 8042, no VGA");
        long flags = ByteReader.u32(f, 112);
        assertTrue((flags & Fadt.RESET_REG_SUP) != 0);
        assertEquals(0, flags & Fadt.HW_REDUCED_ACPI);
        assertEquals(0, flags & (1 << 8), "TMR_VAL_EXT clear: 24-bit PM timer");
        assertEquals(List.of(1, 8, 0, 1), List.of((int) f[116], (int) f[117], (int) f[118], (int) f[119]));
        assertEquals(0xCF9L, ByteReader.u64(f, 120), "RESET_REG address");
        assertEquals(6, f[128], "RESET_VALUE");
        assertEquals(0L, ByteReader.u64(f, 132), "X_FIRMWARE_CTRL unused: the FACS is below 4 GiB");
        assertEquals(img.tables().get("DSDT"), ByteReader.u64(f, 140), "X_DSDT");
        assertEquals(List.of(1, 32), List.of((int) f[148], (int) f[149]), "X_PM1a_EVT_BLK");
        assertEquals(0x600L, ByteReader.u64(f, 152));
        assertEquals(0x604L, ByteReader.u64(f, 176), "X_PM1a_CNT_BLK");
        assertEquals(0x608L, ByteReader.u64(f, 212), "X_PM_TMR_BLK");
        assertEquals(0x620L, ByteReader.u64(f, 224), "X_GPE0_BLK");
    }

    @Test
    void madtHasOneLapicPerCpuTheIoApicOverridesAndNmi() {
        AcpiTables.AcpiImage img = build(pc(3, OptionalInt.of(0x600)));
        byte[] m = table(img, img.tables().get("APIC"));
        assertEquals(0xFEE0_0000L, ByteReader.u32(m, 36));
        assertEquals(1, ByteReader.u32(m, 40), "PCAT_COMPAT");
        int at = 44;
        for (int cpu = 0; cpu < 3; cpu++, at += 8) {
            assertEquals(List.of(0, 8, cpu, cpu),
                    List.of((int) m[at], (int) m[at + 1], (int) m[at + 2], (int) m[at + 3]));
            assertEquals(1, ByteReader.u32(m, at + 4), "enabled");
        }
        assertEquals(List.of(1, 12, 0), List.of((int) m[at], (int) m[at + 1], (int) m[at + 2]));
        assertEquals(0xFEC0_0000L, ByteReader.u32(m, at + 4));
        assertEquals(0, ByteReader.u32(m, at + 8), "GSI base");
        at += 12;
        assertEquals(List.of(2, 10, 0, 0), List.of((int) m[at], (int) m[at + 1], (int) m[at + 2], (int) m[at + 3]));
        assertEquals(2, ByteReader.u32(m, at + 4), "IRQ 0 -> GSI 2");
        assertEquals(0, ByteReader.u16(m, at + 8));
        at += 10;
        assertEquals(9, m[at + 3]);
        assertEquals(9, ByteReader.u32(m, at + 4));
        assertEquals(0x0D, ByteReader.u16(m, at + 8), "SCI level, active high");
        at += 10;
        assertEquals(List.of(4, 6, 0xFF), List.of((int) m[at], (int) m[at + 1], m[at + 2] & 0xFF));
        assertEquals(1, m[at + 5], "LINT1");
        assertEquals(at + 6, m.length);
    }

    @Test
    void processorsFrom255OnGetX2ApicEntries() {
        AcpiTables.AcpiImage img = build(pc(256, OptionalInt.of(0x600)));
        byte[] m = table(img, img.tables().get("APIC"));
        int x2 = 44 + 255 * 8;
        assertEquals(9, m[x2]);
        assertEquals(16, m[x2 + 1]);
        assertEquals(255, ByteReader.u32(m, x2 + 4), "x2APIC id");
        assertEquals(1, ByteReader.u32(m, x2 + 8), "enabled");
        assertEquals(255, ByteReader.u32(m, x2 + 12), "processor UID");
    }

    @Test
    void withoutAPmBlockTheFadtIsHardwareReducedAndThereIsNoFacsOrS5() {
        AcpiTables.AcpiImage img = build(new Platform(1, List.of(), List.of(), OptionalInt.empty(), false, false));
        assertFalse(img.tables().containsKey("FACS"));
        byte[] f = table(img, img.tables().get("FACP"));
        assertTrue((ByteReader.u32(f, 112) & Fadt.HW_REDUCED_ACPI) != 0);
        assertEquals(0, ByteReader.u32(f, 36) | ByteReader.u32(f, 56) | ByteReader.u32(f, 64) | ByteReader.u32(f, 76));
        assertEquals(5, ByteReader.u16(f, 109), "legacy devices and no VGA, no 8042 without the i8042");
        byte[] m = table(img, img.tables().get("APIC"));
        assertEquals(0, ByteReader.u32(m, 40), "no PCAT_COMPAT without the PIC");
        assertEquals(44 + 8 + 6, m.length, "one LAPIC and the NMI, no I/O APIC, no overrides");
        byte[] d = table(img, img.tables().get("DSDT"));
        assertFalse(new String(d, StandardCharsets.ISO_8859_1).contains("_S5_"));
        AcpiTables.AcpiImage withPm = build(pc(1, OptionalInt.of(0x600)));
        byte[] full = table(withPm, withPm.tables().get("DSDT"));
        String aml = java.util.HexFormat.of().formatHex(full);
        assertTrue(aml.contains("085c5f53355f" + "120804" + "0a05" + "0a05" + "00" + "00"),
                "Name(\\_S5, Package() {5, 5, 0, 0})");
    }
}
