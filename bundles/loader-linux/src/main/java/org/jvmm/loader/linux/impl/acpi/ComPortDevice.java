package org.jvmm.loader.linux.impl.acpi;

import org.jvmm.loader.linux.impl.aml.Aml;
import org.jvmm.loader.linux.impl.aml.ResourceTemplate;

/**
 * A 16550 UART: {@code Device(COMn) { _HID PNP0501, _UID n, _CRS { IO(port, 8), IRQNoFlags(irq) } }}.
 *
 * @param name AML device name, e.g. {@code COM1}
 * @param uid  unique id among the UARTs (1 for the first)
 * @param port first of its 8 ports
 * @param irq  ISA IRQ
 */
public record ComPortDevice(String name, int uid, int port, int irq) implements AcpiDevice {
    @Override
    public byte[] aml() {
        byte[] crs = new ResourceTemplate().io(port, port, 1, 8).irqNoFlags(irq).toAml();
        return Aml.device(name, Aml.name("_HID", Aml.eisaId("PNP0501")), Aml.name("_UID", Aml.integer(uid)),
                Aml.name("_CRS", crs));
    }
}
