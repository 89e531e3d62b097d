package org.jvmm.vm.config;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.ResourceHandle;

/** Handles from other bundles, as the tests see them. */
final class TestHandles {
    private TestHandles() {
    }

    @HandleType(kind = "disk_handle", id = "file")
    record FileDisk(String path, boolean readOnly) implements ResourceHandle {
    }

    @HandleType(kind = "net_endpoint_handle", id = "consomme")
    record Consomme(String cidr) implements ResourceHandle {
    }

    @HandleType(kind = "virtio", id = "rng")
    record VirtioRng() implements ResourceHandle {
    }

    @HandleType(kind = "pci_device_handle", id = "nvme")
    record Nvme(int msixCount) implements ResourceHandle {
    }

    @HandleType(kind = "chipset_device_handle", id = "pic")
    record Pic() implements ResourceHandle {
    }

    static final HandleTypes TYPES = HandleTypes.of(FileDisk.class, Consomme.class, VirtioRng.class, Nvme.class,
            Pic.class);
}
