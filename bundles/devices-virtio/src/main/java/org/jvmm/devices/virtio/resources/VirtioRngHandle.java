package org.jvmm.devices.virtio.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** An entropy device (virtio-rng, the guest's {@code /dev/hwrng}) fed from the host's SecureRandom. */
@HandleType(kind = "virtio", id = "virtio-rng")
public record VirtioRngHandle() implements ResourceHandle {
}
