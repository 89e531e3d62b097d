/**
 * Handle records of the PCI bundle: {@code chipset_device_handle:pcie_root_complex}
 * ({@link org.jvmm.pci.resources.PcieRootComplexHandle}) with its root ports
 * ({@link org.jvmm.pci.resources.PcieRootPortConfig}) and switches
 * ({@link org.jvmm.pci.resources.PcieSwitchConfig}), as OpenVMM's {@code --pcie-root-complex},
 * {@code --pcie-root-port} and {@code --pcie-switch} describe them.
 */
@Export
@Version("1.0.0")
package org.jvmm.pci.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
