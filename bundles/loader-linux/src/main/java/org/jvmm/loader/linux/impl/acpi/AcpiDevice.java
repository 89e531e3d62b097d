package org.jvmm.loader.linux.impl.acpi;

/**
 * A device the DSDT describes under {@code \_SB}: the extension point for what later bundles
 * add (virtio-mmio transports, a PCI host bridge). {@link #aml()} returns one complete
 * {@code Device(...)} term.
 */
public interface AcpiDevice {
    byte[] aml();
}
