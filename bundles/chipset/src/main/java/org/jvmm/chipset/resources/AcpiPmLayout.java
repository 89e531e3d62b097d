package org.jvmm.chipset.resources;

/**
 * Where the {@code acpi_pm} device's registers are and what they mean, for the FADT and DSDT the
 * loader generates. Offsets are from the handle's {@code portBase}.
 */
public final class AcpiPmLayout {
    /** QEMU's and OpenVMM's PM base. */
    public static final int DEFAULT_BASE = 0x600;
    /** Ports claimed from {@code portBase}. */
    public static final int BLOCK_LENGTH = 0x28;

    /** PM1a_EVT_BLK: PM1 status (2 bytes) then PM1 enable (2 bytes). */
    public static final int PM1_EVT_OFFSET = 0x00;
    public static final int PM1_EVT_LENGTH = 4;
    /** PM1a_CNT_BLK. */
    public static final int PM1_CNT_OFFSET = 0x04;
    public static final int PM1_CNT_LENGTH = 2;
    /** PM_TMR_BLK. */
    public static final int PM_TMR_OFFSET = 0x08;
    public static final int PM_TMR_LENGTH = 4;
    /** GPE0_BLK: 4 status bytes then 4 enable bytes (32 general-purpose events). */
    public static final int GPE0_OFFSET = 0x20;
    public static final int GPE0_LENGTH = 8;

    /** PM timer rate in Hz. */
    public static final long PM_TIMER_HZ = 3_579_545L;
    /** The PM timer is 24 bits wide (FADT flag TMR_VAL_EXT clear). */
    public static final int PM_TIMER_BITS = 24;

    /** The SCI's ISA IRQ (FADT SCI_INT; level, active high on the PIC via ELCR, active low on the IOAPIC). */
    public static final int SCI_IRQ = 9;

    /** The SLP_TYP value of \_S5 in the DSDT: writing it with SLP_EN powers the VM off. */
    public static final int SLP_TYP_S5 = 5;

    /** FADT RESET_REG: a byte in system I/O space at this port. */
    public static final int RESET_PORT = 0xCF9;
    /** FADT RESET_VALUE. */
    public static final int RESET_VALUE = 0x06;

    private AcpiPmLayout() {
    }
}
