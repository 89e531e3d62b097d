package org.jvmm.chipset.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * An I/O APIC with 24 inputs (version 0x20, with the EOI register) delivering through x86 MSI.
 *
 * @param baseAddress guest-physical base of its 4 KiB register window, 4 KiB aligned
 * @param apicId      its I/O APIC id (0..15), as the MADT reports it
 */
@HandleType(kind = "chipset_device_handle", id = "ioapic")
public record IoApicHandle(long baseAddress, int apicId) implements ResourceHandle {
    /** The PC's I/O APIC base. */
    public static final long DEFAULT_BASE = 0xFEC0_0000L;
    /** Number of redirection entries (inputs, global system interrupts 0..23). */
    public static final int PINS = 24;
    /** The version register's version field. */
    public static final int VERSION = 0x20;

    public IoApicHandle {
        String key = "chipset_device_handle:ioapic";
        if ((baseAddress & 0xFFF) != 0 || baseAddress <= 0 || baseAddress > 0xFFFF_F000L) {
            throw new IllegalArgumentException(key + ": baseAddress must be 4 KiB aligned below 4 GiB, got 0x"
                    + Long.toHexString(baseAddress));
        }
        HandleChecks.range(key, "apicId", apicId, 0, 15);
    }

    /** At 0xFEC00000. */
    public static IoApicHandle standard(int apicId) {
        return new IoApicHandle(DEFAULT_BASE, apicId);
    }
}
