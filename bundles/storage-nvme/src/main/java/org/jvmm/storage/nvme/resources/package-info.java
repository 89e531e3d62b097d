/**
 * Handle records of the NVMe controller: {@code pci_device_handle:nvme}
 * ({@link org.jvmm.storage.nvme.resources.NvmeControllerHandle}) with its namespaces
 * ({@link org.jvmm.storage.nvme.resources.NvmeNamespaceConfig}, each a {@code disk_handle}), and
 * the catalog of them for JSON ({@link org.jvmm.storage.nvme.resources.NvmeHandleTypes}).
 */
@Export
@Version("1.0.0")
package org.jvmm.storage.nvme.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
