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

    private static org.jvmm.chipset.api.PciHostInfo pciInfo() {
        List<org.jvmm.chipset.api.PciIntxRoute> routes = new java.util.ArrayList<>();
        for (int dev = 0; dev < 32; dev++) {
            for (int pin = 1; pin <= 4; pin++) {
                routes.add(new org.jvmm.chipset.api.PciIntxRoute(dev, pin, 20 + (dev + pin - 1) % 4));
            }
        }
        return new org.jvmm.chipset.api.PciHostInfo("rc0", 0, 0, 255, 0xE000_0000L,
                new org.jvmm.chipset.api.PortRange("pci-config", 0xCF8, 8), new MmioRange("low", 0xC000_0000L, 0x2000_0000L),
                java.util.Optional.of(new MmioRange("high", 0x1_0000_0000L * 4, 1L << 30)),
                new org.jvmm.chipset.api.PortRange("pci-io", 0xC000, 0x4000), routes, List.of(20, 21, 22, 23), true);
    }

    @Test
    void pciHostBridgeAndMcfgDisassemble() throws Exception {
        var info = pciInfo();
        Platform p = new Platform(1, List.of(), List.of(new Platform.IoApic(0, 0xFEC0_0000L, 0)), OptionalInt.of(0x600),
                true, true);
        AcpiTables.AcpiImage img = AcpiTables.build(p, 0xE0000, List.of(new PciHostBridge(info),
                new MotherboardResources(info.ecamRange())), java.util.Optional.of(info));
        String dsl = disassemble("dsdt-pci", table(img, "DSDT")).replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("//[^\n]*", "").replaceAll("\\s+", " ");
        assertTrue(dsl.contains("Device (PCI0) { Name (_HID, EisaId (\"PNP0A08\") ) Name (_CID, EisaId (\"PNP0A03\") )"), dsl);
        assertTrue(dsl.contains("WordBusNumber (ResourceProducer, MinFixed, MaxFixed, PosDecode, 0x0000, 0x0000, 0x00FF, 0x0000, 0x0100"), dsl);
        assertTrue(dsl.contains("WordIO (ResourceProducer, MinFixed, MaxFixed, PosDecode, EntireRange, 0x0000, 0xC000, 0xFFFF, 0x0000, 0x4000"), dsl);
        assertTrue(dsl.contains("DWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed, NonCacheable, ReadWrite, 0x00000000, 0xC0000000, 0xDFFFFFFF, 0x00000000, 0x20000000"), dsl);
        assertTrue(dsl.contains("QWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed, Prefetchable, ReadWrite,"), dsl);
        assertTrue(dsl.contains("Package (0x04) { 0xFFFF, Zero, Zero, 0x14 }"), dsl);
        assertTrue(dsl.contains("Method (_OSC, 4, NotSerialized) { Return (Arg3) }"), dsl);
        assertTrue(dsl.contains("Device (MRES) { Name (_HID, EisaId (\"PNP0C02\") )"), dsl);
        assertTrue(dsl.contains("Memory32Fixed (ReadWrite, 0xE0000000, 0x10000000, )"), dsl);
        String mcfg = disassemble("mcfg", table(img, "MCFG")).replaceAll("[ \t]+", " ");
        assertTrue(mcfg.contains("Base Address : 00000000E0000000"), mcfg);
        assertTrue(mcfg.contains("End Bus Number : FF"), mcfg);
    }
}
