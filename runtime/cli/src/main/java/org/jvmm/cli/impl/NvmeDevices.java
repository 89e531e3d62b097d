package org.jvmm.cli.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jvmm.cli.impl.options.CliException;
import org.jvmm.cli.impl.options.CliOptions;
import org.jvmm.cli.impl.options.NvmeSpecs;
import org.jvmm.storage.disk.resources.DiskSpec;
import org.jvmm.storage.nvme.resources.NvmeControllerHandle;
import org.jvmm.storage.nvme.resources.NvmeNamespaceConfig;

/**
 * {@code --nvme DISK...}: one NVMe controller ({@code pci_device_handle:nvme}, named {@code nvme0})
 * with a namespace per disk, nsid 1, 2, … in option order, on the PCIe root bus.
 */
final class NvmeDevices {
    static final String CONTROLLER = "nvme0";

    private NvmeDevices() {
    }

    static Optional<NvmeControllerHandle> build(CliOptions options, Map<String, String> env) throws CliException {
        List<String> disks = options.storage().nvme();
        if (disks.isEmpty()) {
            return Optional.empty();
        }
        List<NvmeNamespaceConfig> namespaces = new ArrayList<>();
        for (String value : disks) {
            DiskSpec d = ConfigBuilder.parse("--nvme", () -> NvmeSpecs.parse(value, env));
            namespaces.add(new NvmeNamespaceConfig(namespaces.size() + 1, d.disk(), d.readOnly()));
        }
        try {
            return Optional.of(new NvmeControllerHandle(CONTROLLER, null, null, 0, 0, namespaces));
        } catch (IllegalArgumentException e) {
            throw new CliException("--nvme", e.getMessage());
        }
    }
}
