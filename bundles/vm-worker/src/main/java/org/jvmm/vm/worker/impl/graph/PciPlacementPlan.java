package org.jvmm.vm.worker.impl.graph;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.vm.config.VirtioDeviceConfig;
import org.jvmm.vm.config.VirtioPciHandle;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vmm.resource.ResourceHandle;

/** Which PCI functions a config has and where each goes, in config order: virtio ones first. */
final class PciPlacementPlan {
    private PciPlacementPlan() {
    }

    /** A function to resolve ({@code handle}, a {@code pci_device_handle}) and attach at {@code placement}. */
    record Entry(String path, ResourceHandle handle, PciPlacement placement) {
    }

    static List<Entry> entries(VmConfig config, boolean pciHost) {
        List<Entry> entries = new ArrayList<>();
        List<VirtioDeviceConfig> virtio = config.virtioDevices();
        for (int i = 0; i < virtio.size(); i++) {
            VirtioDeviceConfig d = virtio.get(i);
            if (d.bus().equals("pci") || d.bus().equals("auto") && pciHost) {
                entries.add(new Entry("virtioDevices[" + i + "]", new VirtioPciHandle(d.device()), placement(d.pciePort())));
            }
        }
        List<ResourceHandle> pci = config.pciDevices();
        for (int i = 0; i < pci.size(); i++) {
            entries.add(new Entry("pciDevices[" + i + "]", pci.get(i), PciPlacement.rootBus()));
        }
        return entries;
    }

    private static PciPlacement placement(String port) {
        return port == null ? PciPlacement.rootBus() : PciPlacement.port(port);
    }
}
