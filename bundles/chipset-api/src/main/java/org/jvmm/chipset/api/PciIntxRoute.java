package org.jvmm.chipset.api;

/**
 * One {@code _PRT} entry of a PCI root bus: INTx pin {@code pin} of device {@code device} on the
 * root bus is wired to global system interrupt {@code gsi} (level-triggered, shared). In AML:
 * {@code Package() { (device << 16) | 0xFFFF, pin - 1, Zero, gsi }}. Functions behind bridges use
 * the standard swizzle up to the root-bus device of their top bridge, as the guest computes it.
 *
 * @param device root-bus device number 0..31
 * @param pin    1..4 for INTA..INTD (the {@code _PRT} Pin field is {@code pin - 1})
 * @param gsi    the global system interrupt
 */
public record PciIntxRoute(int device, int pin, int gsi) {
    public PciIntxRoute {
        if (device < 0 || device > 31 || pin < 1 || pin > 4 || gsi < 0) {
            throw new IllegalArgumentException("pci intx route: device 0..31, pin 1..4, gsi >= 0");
        }
    }

    /** The {@code _PRT} Address field: device in the high word, any function. */
    public long prtAddress() {
        return (long) device << 16 | 0xFFFF;
    }
}
