package org.jvmm.loader.linux.impl.acpi;

import org.jvmm.chipset.api.MmioRange;
import org.jvmm.loader.linux.impl.aml.Aml;
import org.jvmm.loader.linux.impl.aml.ResourceTemplate;

/**
 * {@code Device(MRES)}, {@code PNP0C02} "motherboard resources": reserves the ECAM window, the
 * second way (besides E820) Linux accepts to trust the MCFG.
 */
public record MotherboardResources(MmioRange ecam) implements AcpiDevice {
    @Override
    public byte[] aml() {
        return Aml.device("MRES", Aml.name("_HID", Aml.eisaId("PNP0C02")), Aml.name("_UID", Aml.integer(1)),
                Aml.name("_CRS", new ResourceTemplate().memory32Fixed(ecam.start(), ecam.length()).toAml()));
    }
}
