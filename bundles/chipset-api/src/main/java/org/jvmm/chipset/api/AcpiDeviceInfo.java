package org.jvmm.chipset.api;

import java.util.List;

/**
 * How a device appears in the DSDT under {@code \_SB}: the loader or firmware that builds the ACPI
 * tables turns this into {@code Device(...) { _HID, _UID, _CCA, _CRS { Memory32Fixed...,
 * Interrupt(level, active high) {...} } }}. Used by devices that guests find only through ACPI,
 * such as virtio-mmio transports ({@code LNRO0005}).
 *
 * @param hid        the hardware id, e.g. {@code LNRO0005}
 * @param uid        unique among devices with the same {@code hid}
 * @param memory     register windows (below 4 GiB)
 * @param interrupts global system interrupts, level-triggered active-high
 */
public record AcpiDeviceInfo(String hid, int uid, List<MmioRange> memory, List<Integer> interrupts) {
    public AcpiDeviceInfo {
        if (hid == null || !hid.matches("[A-Z0-9]{7,8}")) {
            throw new IllegalArgumentException("acpi device: _HID must be 7 or 8 upper-case letters or digits, got " + hid);
        }
        if (uid < 0) {
            throw new IllegalArgumentException("acpi device " + hid + ": _UID must not be negative");
        }
        memory = List.copyOf(memory);
        interrupts = List.copyOf(interrupts);
        for (MmioRange range : memory) {
            if (range.start() + range.length() > 1L << 32) {
                throw new IllegalArgumentException("acpi device " + hid + ": " + range.name() + " is above 4 GiB");
            }
        }
    }
}
