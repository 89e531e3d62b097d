package org.jvmm.chipset.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * ACPI fixed hardware on port I/O: PM1a event and control blocks, the PM timer and GPE0 at
 * {@code portBase} (offsets in {@link AcpiPmLayout}), and the reset register at 0xCF9. Raises the SCI
 * on ISA IRQ 9.
 *
 * @param portBase first port of the block, {@link AcpiPmLayout#DEFAULT_BASE} by default
 */
@HandleType(kind = "chipset_device_handle", id = "acpi_pm")
public record AcpiPmHandle(int portBase) implements ResourceHandle {
    public AcpiPmHandle {
        HandleChecks.port("chipset_device_handle:acpi_pm", "portBase", portBase, AcpiPmLayout.BLOCK_LENGTH);
        if (portBase <= AcpiPmLayout.RESET_PORT && AcpiPmLayout.RESET_PORT < portBase + AcpiPmLayout.BLOCK_LENGTH) {
            throw new IllegalArgumentException(
                    "chipset_device_handle:acpi_pm: portBase block overlaps the reset port 0xCF9");
        }
    }

    /** At {@link AcpiPmLayout#DEFAULT_BASE}. */
    public static AcpiPmHandle standard() {
        return new AcpiPmHandle(AcpiPmLayout.DEFAULT_BASE);
    }
}
