package org.jvmm.loader.linux.impl.acpi;

import org.jvmm.chipset.resources.AcpiPmLayout;
import org.jvmm.loader.linux.impl.ByteWriter;
import org.jvmm.loader.linux.impl.platform.Platform;

/**
 * The multiple APIC description table: the local APIC address, PCAT_COMPAT when the 8259 pair
 * is present, one enabled local APIC per processor (x2APIC entries for ids from 255), the I/O
 * APICs, the ISA overrides IRQ 0 to GSI 2 and IRQ 9 (the SCI) level/active high, and the local
 * APIC NMI on LINT1 of every processor.
 */
public final class Madt {
    public static final long LOCAL_APIC_ADDRESS = 0xFEE0_0000L;
    public static final int PCAT_COMPAT = 1;
    public static final int LOCAL_APIC = 0, IO_APIC = 1, SOURCE_OVERRIDE = 2, LOCAL_APIC_NMI = 4, LOCAL_X2APIC = 9;
    /** MPS INTI flags: polarity active high (bits 1:0 = 1), trigger level (bits 3:2 = 3). */
    public static final int ACTIVE_HIGH_LEVEL = 0x000D;

    private Madt() {
    }

    public static byte[] build(Platform p) {
        ByteWriter w = new ByteWriter();
        w.u32(LOCAL_APIC_ADDRESS).u32(p.pic() ? PCAT_COMPAT : 0);
        for (int cpu = 0; cpu < p.processors(); cpu++) {
            if (cpu < 255) {
                w.u8(LOCAL_APIC).u8(8).u8(cpu).u8(cpu).u32(1);
            } else {
                w.u8(LOCAL_X2APIC).u8(16).u16(0).u32(cpu).u32(1).u32(cpu);
            }
        }
        for (Platform.IoApic io : p.ioApics()) {
            w.u8(IO_APIC).u8(12).u8(io.id()).u8(0).u32(io.address()).u32(io.gsiBase());
        }
        if (!p.ioApics().isEmpty()) {
            w.u8(SOURCE_OVERRIDE).u8(10).u8(0).u8(0).u32(2).u16(0);
            if (p.acpiPmBase().isPresent()) {
                w.u8(SOURCE_OVERRIDE).u8(10).u8(0).u8(AcpiPmLayout.SCI_IRQ).u32(AcpiPmLayout.SCI_IRQ)
                        .u16(ACTIVE_HIGH_LEVEL);
            }
        }
        w.u8(LOCAL_APIC_NMI).u8(6).u8(0xFF).u16(0).u8(1);
        return Sdt.table("APIC", 5, w.toByteArray());
    }
}
