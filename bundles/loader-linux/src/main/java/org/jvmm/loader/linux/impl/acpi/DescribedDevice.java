package org.jvmm.loader.linux.impl.acpi;

import org.jvmm.chipset.api.AcpiDeviceInfo;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.loader.linux.impl.aml.Aml;
import org.jvmm.loader.linux.impl.aml.ResourceTemplate;

/**
 * A chipset device that describes itself ({@link org.jvmm.chipset.api.ChipsetDevice#acpi()}):
 * {@code Device(name) { _HID, _UID, _CCA 1, _CRS { Memory32Fixed..., Interrupt(level, high) {...} } }}.
 * Virtio-mmio transports ({@code LNRO0005}) are found by Linux this way.
 *
 * @param name AML name segment, up to four characters
 * @param info what the device says about itself
 */
public record DescribedDevice(String name, AcpiDeviceInfo info) implements AcpiDevice {
    public DescribedDevice {
        if (!name.matches("[A-Z_][A-Z0-9_]{0,3}")) {
            throw new IllegalArgumentException("AML device name must be 1-4 of A-Z, 0-9, _: " + name);
        }
    }

    @Override
    public byte[] aml() {
        ResourceTemplate crs = new ResourceTemplate();
        for (MmioRange range : info.memory()) {
            crs.memory32Fixed(range.start(), range.length());
        }
        for (int gsi : info.interrupts()) {
            crs.interrupt(gsi, false);
        }
        return Aml.device(name, Aml.name("_HID", Aml.string(info.hid())), Aml.name("_UID", Aml.integer(info.uid())),
                Aml.name("_CCA", Aml.integer(1)), Aml.name("_CRS", crs.toAml()));
    }
}
