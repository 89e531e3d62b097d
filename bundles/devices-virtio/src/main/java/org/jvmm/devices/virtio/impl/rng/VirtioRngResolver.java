package org.jvmm.devices.virtio.impl.rng;

import java.security.SecureRandom;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.resources.VirtioRngHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code virtio:virtio-rng}. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=virtio", "vmm.resource.id=virtio-rng"})
public final class VirtioRngResolver implements ResourceResolver<VirtioRngHandle, VirtioDevice> {
    @Override
    public Class<VirtioRngHandle> handleType() {
        return VirtioRngHandle.class;
    }

    @Override
    public Class<VirtioDevice> outputType() {
        return VirtioDevice.class;
    }

    @Override
    public VirtioDevice resolve(VirtioRngHandle handle, ResolveContext ctx) {
        return new VirtioRng(new SecureRandom());
    }
}
