/**
 * The device side of PCI: what an endpoint (virtio-pci, NVMe, a third-party plugin) uses to be a
 * PCI function. {@link org.jvmm.pci.api.PciConfigSpace} emulates a type-0 configuration space
 * (ids, command/status, BARs with sizing and mapping, INTx, the capability list) and implements
 * the chipset API's {@code PciConfigIntercept}; the capabilities are
 * {@link org.jvmm.pci.api.VendorCapability} (arbitrary bytes, some writable),
 * {@link org.jvmm.pci.api.MsiCapability}, {@link org.jvmm.pci.api.MsixCapability} (table and PBA
 * in a BAR) and {@link org.jvmm.pci.api.PcieCapability}. Guest accesses never throw: every
 * offset, size and value is checked and a bad access returns an {@code IoResult}.
 *
 * <p>Since 1.1 the library saves and restores what it models, for snapshots and live device
 * update: {@link org.jvmm.pci.api.PciConfigSpace#saveState} and {@code restoreState} cover the
 * header (command, BAR addresses, interrupt line, INTx), and through
 * {@link org.jvmm.pci.api.PciCapability#saveState} every capability (MSI, the MSI-X table, masks
 * and pending bits, PCIe control registers, vendor bytes). A function's whole state is its
 * {@code ChipsetDevice.state()} unit, which writes this next to the device's own registers.
 */
@Export
@Version("1.1.0")
package org.jvmm.pci.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
