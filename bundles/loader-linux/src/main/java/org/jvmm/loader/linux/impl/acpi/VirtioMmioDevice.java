package org.jvmm.loader.linux.impl.acpi;

import org.jvmm.loader.linux.impl.aml.Aml;
import org.jvmm.loader.linux.impl.aml.ResourceTemplate;

/**
 * A virtio-mmio transport as Linux's virtio_mmio driver finds it through ACPI (and as QEMU's
 * microvm describes it): {@code Device(VRnn) { _HID "LNRO0005", _UID, _CCA 1, _CRS { Memory32Fixed,
 * Interrupt(level, active high) { gsi } } }}.
 *
 * @param name AML device name, e.g. {@code VR00}
 * @param uid  unique id among the transports
 * @param base register window base (below 4 GiB)
 * @param size register window size
 * @param gsi  global system interrupt it raises
 */
public record VirtioMmioDevice(String name, int uid, long base, long size, long gsi) implements AcpiDevice {
    @Override
    public byte[] aml() {
        byte[] crs = new ResourceTemplate().memory32Fixed(base, size).interrupt(gsi, false).toAml();
        return Aml.device(name, Aml.name("_HID", Aml.string("LNRO0005")), Aml.name("_UID", Aml.integer(uid)),
                Aml.name("_CCA", Aml.integer(1)), Aml.name("_CRS", crs));
    }
}
