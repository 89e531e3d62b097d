/**
 * The run-time API of an NVMe controller: the chipset device that {@code pci_device_handle:nvme}
 * resolves to also implements {@link org.jvmm.storage.nvme.api.NvmeNamespaces}, through which the
 * shell ({@code vm:add-nvme-ns}, {@code vm:rm-nvme-ns}) adds and removes namespaces while the
 * guest runs.
 */
@Export
@Version("1.0.0")
package org.jvmm.storage.nvme.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
