package org.jvmm.vm.config;

import java.util.Set;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A virtio device other than disks and NICs (rng, console, fs, vsock, pmem).
 *
 * @param device   a {@code virtio} handle
 * @param bus      {@code mmio}, {@code pci}, or {@code auto} (the worker picks)
 * @param pciePort the PCIe root port for {@code pci}, or null for the default
 */
public record VirtioDeviceConfig(ResourceHandle device, String bus, String pciePort) {
    public static final Set<String> BUSES = Set.of("mmio", "pci", "auto");

    public VirtioDeviceConfig {
        Check.required(device, "device");
        Check.oneOf(bus, BUSES, "bus");
        Check.optionalNotBlank(pciePort, "pciePort");
        if (pciePort != null && bus.equals("mmio")) {
            throw new IllegalArgumentException("pciePort: not allowed on the mmio bus");
        }
    }
}
