package org.jvmm.devices.virtio.impl.vsock;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.resources.VirtioVsockHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceKinds;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code virtio:virtio-vsock}: listens on the handle's path at once, so a bad path fails the configuration. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=virtio", "vmm.resource.id=virtio-vsock"})
public final class VirtioVsockResolver implements ResourceResolver<VirtioVsockHandle, VirtioDevice> {
    @Override
    public Class<VirtioVsockHandle> handleType() {
        return VirtioVsockHandle.class;
    }

    @Override
    public Class<VirtioDevice> outputType() {
        return VirtioDevice.class;
    }

    @Override
    public VirtioDevice resolve(VirtioVsockHandle handle, ResolveContext ctx) throws ResolveException {
        try {
            return VirtioVsock.open(handle.guestCid(), Path.of(handle.path()));
        } catch (IOException | InvalidPathException e) {
            throw ResolveException.failed(ResourceKinds.VIRTIO, "virtio-vsock", ctx.path(), e);
        }
    }
}
