package org.jvmm.vm.config;

import java.util.Set;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A disk attached to a storage controller.
 *
 * @param disk       a {@code disk_handle}
 * @param readOnly   the guest sees a read-only device
 * @param controller {@code virtio}, {@code nvme} or {@code ide}
 * @param pciePort   the PCIe root port to attach to, or null for the default
 */
public record DiskConfig(ResourceHandle disk, boolean readOnly, String controller, String pciePort) {
    public static final Set<String> CONTROLLERS = Set.of("virtio", "nvme", "ide");

    public DiskConfig {
        Check.required(disk, "disk");
        Check.oneOf(controller, CONTROLLERS, "controller");
        Check.optionalNotBlank(pciePort, "pciePort");
    }
}
