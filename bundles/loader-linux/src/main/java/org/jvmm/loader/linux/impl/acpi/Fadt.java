package org.jvmm.loader.linux.impl.acpi;

import java.util.OptionalInt;
import org.jvmm.chipset.resources.AcpiPmLayout;
import org.jvmm.loader.linux.impl.ByteWriter;

/**
 * The fixed ACPI description table, revision 6 (276 bytes). With an ACPI PM block it describes
 * full fixed hardware: PM1a event and control blocks, the 24-bit PM timer and GPE0 from
 * {@link AcpiPmLayout}, SCI on IRQ 9, the reset register (I/O 0xCF9, value 6), the FACS and
 * the DSDT; {@code poweroff} then writes SLP_TYP 5 with SLP_EN. Without one it is a
 * hardware-reduced FADT (flag HW_REDUCED_ACPI, no PM blocks, no FACS).
 */
public final class Fadt {
    public static final int LENGTH = 276;
    public static final int REVISION = 6;
    /** Flags (offset 112). */
    public static final int WBINVD = 1, PROC_C1 = 1 << 2, PWR_BUTTON = 1 << 4, SLP_BUTTON = 1 << 5,
            FIX_RTC = 1 << 6, RESET_REG_SUP = 1 << 10, USE_PLATFORM_CLOCK = 1 << 15, HW_REDUCED_ACPI = 1 << 20;
    /** IA-PC boot architecture flags (offset 109). */
    public static final int LEGACY_DEVICES = 1, I8042 = 2, VGA_NOT_PRESENT = 4;
    /** The CMOS RAM index of the century (FADT CENTURY), as the RTC device keeps it. */
    public static final int CENTURY_INDEX = 0x32;
    private static final int SYSTEM_IO = 1;

    private Fadt() {
    }

    /**
     * @param pmBase the ACPI PM block's first port, if the VM has one
     * @param i8042  whether the IA-PC boot flags announce the 8042
     * @param facs   FACS address (ignored without a PM block)
     * @param dsdt   DSDT address
     */
    public static byte[] build(OptionalInt pmBase, boolean i8042, long facs, long dsdt) {
        boolean full = pmBase.isPresent();
        int pm = pmBase.orElse(0);
        ByteWriter w = new ByteWriter(LENGTH);
        w.u32(full ? facs : 0).u32(dsdt).u8(0).u8(0).u16(full ? AcpiPmLayout.SCI_IRQ : 0);
        w.u32(0).u8(0).u8(0).u8(0).u8(0); // SMI_CMD 0: always in ACPI mode; no enable/disable values
        w.u32(full ? pm + AcpiPmLayout.PM1_EVT_OFFSET : 0).u32(0)
                .u32(full ? pm + AcpiPmLayout.PM1_CNT_OFFSET : 0).u32(0).u32(0)
                .u32(full ? pm + AcpiPmLayout.PM_TMR_OFFSET : 0)
                .u32(full ? pm + AcpiPmLayout.GPE0_OFFSET : 0).u32(0);
        w.u8(full ? AcpiPmLayout.PM1_EVT_LENGTH : 0).u8(full ? AcpiPmLayout.PM1_CNT_LENGTH : 0).u8(0)
                .u8(full ? AcpiPmLayout.PM_TMR_LENGTH : 0).u8(full ? AcpiPmLayout.GPE0_LENGTH : 0).u8(0).u8(0)
                .u8(0);
        w.u16(0x0FFF).u16(0x0FFF); // no C2, no C3
        w.u16(0).u16(0).u8(0).u8(0).u8(0).u8(0).u8(CENTURY_INDEX);
        w.u16(LEGACY_DEVICES | (i8042 ? I8042 : 0) | VGA_NOT_PRESENT).u8(0);
        w.u32(full ? WBINVD | PROC_C1 | PWR_BUTTON | SLP_BUTTON | FIX_RTC | RESET_REG_SUP | USE_PLATFORM_CLOCK
                : WBINVD | PROC_C1 | RESET_REG_SUP | HW_REDUCED_ACPI);
        gas(w, SYSTEM_IO, 8, 1, AcpiPmLayout.RESET_PORT);
        w.u8(AcpiPmLayout.RESET_VALUE).u16(0).u8(0); // ARM boot flags, minor version 0
        w.u64(0).u64(dsdt);
        gas(w, full ? SYSTEM_IO : 0, full ? 8 * AcpiPmLayout.PM1_EVT_LENGTH : 0, 0,
                full ? pm + AcpiPmLayout.PM1_EVT_OFFSET : 0);
        gas(w, 0, 0, 0, 0);
        gas(w, full ? SYSTEM_IO : 0, full ? 8 * AcpiPmLayout.PM1_CNT_LENGTH : 0, 0,
                full ? pm + AcpiPmLayout.PM1_CNT_OFFSET : 0);
        gas(w, 0, 0, 0, 0);
        gas(w, 0, 0, 0, 0);
        gas(w, full ? SYSTEM_IO : 0, full ? 8 * AcpiPmLayout.PM_TMR_LENGTH : 0, 0,
                full ? pm + AcpiPmLayout.PM_TMR_OFFSET : 0);
        gas(w, full ? SYSTEM_IO : 0, full ? 8 * AcpiPmLayout.GPE0_LENGTH : 0, 0,
                full ? pm + AcpiPmLayout.GPE0_OFFSET : 0);
        gas(w, 0, 0, 0, 0);
        gas(w, 0, 0, 0, 0); // sleep control and status: only for hardware-reduced ACPI with a sleep device
        gas(w, 0, 0, 0, 0);
        w.ascii("JVMM", 8, '\0');
        return Sdt.table("FACP", REVISION, w.toByteArray());
    }

    /** A generic address structure (12 bytes). */
    private static void gas(ByteWriter w, int space, int bitWidth, int accessSize, long address) {
        w.u8(space).u8(bitWidth).u8(0).u8(accessSize).u64(address);
    }
}
