package org.jvmm.loader.linux.impl.acpi;

import org.jvmm.chipset.api.AcpiDeviceInfo;
import org.jvmm.chipset.api.MmioRange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.jvmm.loader.linux.impl.platform.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disassembles the generated tables with ACPICA's iasl (Debian package acpica-tools); skipped without it. */
class IaslTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsIasl() {
        boolean found = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "iasl")));
        assumeTrue(found, "iasl is not installed (apt-get install acpica-tools)");
    }

    private String disassemble(String name, byte[] table) throws Exception {
        Path aml = Files.write(dir.resolve(name + ".aml"), table);
        Process p = new ProcessBuilder("iasl", "-d", aml.toString()).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "iasl finished");
        assertEquals(0, p.exitValue(), log);
        assertFalse(log.matches("(?s).*(Error|Warning|Invalid).*"), log);
        return Files.readString(dir.resolve(name + ".dsl"));
    }

    private AcpiTables.AcpiImage image() {
        Platform p = new Platform(2, List.of(), List.of(new Platform.IoApic(0, 0xFEC0_0000L, 0)), OptionalInt.of(0x600),
                true, true);
        return AcpiTables.build(p, 0xE0000, List.of(new ComPortDevice("COM1", 1, 0x3F8, 4),
                new ComPortDevice("COM2", 2, 0x2F8, 3), new DescribedDevice("VR00", new AcpiDeviceInfo("LNRO0005", 0, List.of(new MmioRange("virtio", 0xFEB0_0000L, 0x200)), List.of(12)))));
    }

    private static byte[] table(AcpiTables.AcpiImage img, String sig) {
        return AcpiTablesTest.table(img, img.tables().get(sig));
    }

    @Test
    void dsdtDisassemblesToTheComPortsAndS5() throws Exception {
        String dsl = disassemble("dsdt", table(image(), "DSDT")).replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("//[^\n]*", "").replaceAll("\\s+", " ");
        assertTrue(dsl.contains("Scope (\\_SB) { Device (COM1) { Name (_HID, EisaId (\"PNP0501\") )"), dsl);
        assertTrue(dsl.contains("IO (Decode16, 0x03F8, 0x03F8, 0x01, 0x08, )"), dsl);
        assertTrue(dsl.contains("IRQNoFlags () {4}"), dsl);
        assertTrue(dsl.contains("Device (COM2)"), dsl);
        assertTrue(dsl.contains("IRQNoFlags () {3}"), dsl);
        assertTrue(dsl.contains("Name (_HID, \"LNRO0005\")"), dsl);
        assertTrue(dsl.contains("Memory32Fixed (ReadWrite, 0xFEB00000, 0x00000200, )"), dsl);
        assertTrue(dsl.contains("Interrupt (ResourceConsumer, Level, ActiveHigh, Exclusive, ,, ) { 0x0000000C, }"),
                dsl);
        assertTrue(dsl.contains("Name (\\_S5, Package (0x04) { 0x05, 0x05, Zero, Zero })"), dsl);
    }

    @Test
    void fadtAndMadtDisassembleWithTheirFields() throws Exception {
        String fadt = disassemble("facp", table(image(), "FACP")).replaceAll("[ \t]+", " ");
        assertTrue(fadt.contains("PM1A Event Block Address : 00000600"), fadt);
        assertTrue(fadt.contains("PM Timer Block Address : 00000608"), fadt);
        assertTrue(fadt.contains("SCI Interrupt : 0009"), fadt);
        assertTrue(fadt.contains("Reset Register Supported (V2) : 1"), fadt);
        assertTrue(fadt.contains("Hardware Reduced (V5) : 0"), fadt);
        assertTrue(fadt.contains("Value to cause reset : 06"), fadt);
        String madt = disassemble("apic", table(image(), "APIC")).replaceAll("[ \t]+", " ");
        assertTrue(madt.contains("Local Apic Address : FEE00000"), madt);
        assertTrue(madt.contains("Address : FEC00000"), madt);
        assertTrue(madt.contains("Interrupt : 00000002"), madt);
        assertEquals(2, madt.split("Subtable Type : 00 \\[Processor Local APIC\\]").length - 1, madt);
    }
}
