package org.jvmm.devices.virtio.impl.net;

import java.security.SecureRandom;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.resources.VirtioNetHandle;
import org.jvmm.net.backend.api.Endpoint;
import org.jvmm.net.backend.api.MacAddress;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/**
 * {@code virtio:virtio-net}: resolves its {@code net_endpoint_handle} at {@code <path>.endpoint}; a
 * handle without a MAC gets a generated {@code 00:15:5d:xx:xx:xx} one.
 */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=virtio", "vmm.resource.id=virtio-net"})
public final class VirtioNetResolver implements ResourceResolver<VirtioNetHandle, VirtioDevice> {
    @Override
    public Class<VirtioNetHandle> handleType() {
        return VirtioNetHandle.class;
    }

    @Override
    public Class<VirtioDevice> outputType() {
        return VirtioDevice.class;
    }

    @Override
    public VirtioDevice resolve(VirtioNetHandle handle, ResolveContext ctx) throws ResolveException {
        Endpoint endpoint = ctx.child("endpoint").resolve(handle.endpoint(), Endpoint.class);
        MacAddress mac = handle.mac() == null ? MacAddress.generated(new SecureRandom()) : MacAddress.parse(handle.mac());
        return new VirtioNet(endpoint, mac);
    }
}
