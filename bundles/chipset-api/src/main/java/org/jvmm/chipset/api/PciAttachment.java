package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the PCI host gives a function when it is attached (see
 * {@link PciConfigIntercept#pciAttached}). Valid until the function is detached: then the host
 * unmaps every range mapped through {@link #mmio()} and {@link #io()}, deasserts the function's
 * INTx and turns further calls into no-ops (map calls fail with {@link IllegalStateException}).
 */
@ProviderType
public interface PciAttachment {
    /** Where the function sits, with the bus numbers the host assigned at attach time. */
    PciAddress address();

    /**
     * True when the function sits directly on the root bus (a root-complex integrated endpoint in
     * PCIe terms, without a link); false behind a root port or switch port.
     */
    boolean integrated();

    /**
     * The function's INTx line for interrupt pin {@code pin} (1..4 = INTA..INTD, as its Interrupt
     * Pin register reports), routed through the bridges' swizzle to a GSI. Lines are wired-OR:
     * several functions may share one GSI, and the GSI is asserted while any of them asserts.
     *
     * @throws IllegalArgumentException if {@code pin} is not 1..4
     */
    LineInterrupt intx(int pin);

    /** Where the function's MSI and MSI-X messages go. */
    MsiSink msi();

    /** Maps memory BARs; ranges outside the host's MMIO windows are refused. */
    MmioMapper mmio();

    /** Maps I/O BARs; ranges outside the host's I/O window are refused. */
    PortIoMapper io();
}
