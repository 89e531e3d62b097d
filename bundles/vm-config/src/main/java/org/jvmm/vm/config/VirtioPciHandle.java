package org.jvmm.vm.config;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A virtio device on the modern virtio-pci transport: a PCI function whose backend is {@code device}
 * (a {@code virtio} handle). The VM worker places the {@code pci} entries of
 * {@link VmConfig#virtioDevices()} this way, on the PCIe root port they name or on the root bus.
 *
 * @param device a {@code virtio} handle
 */
@HandleType(kind = "pci_device_handle", id = "virtio_pci")
public record VirtioPciHandle(ResourceHandle device) implements ResourceHandle {
    public VirtioPciHandle {
        Check.required(device, "virtio_pci.device");
    }
}
