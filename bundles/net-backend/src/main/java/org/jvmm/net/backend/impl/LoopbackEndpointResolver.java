package org.jvmm.net.backend.impl;

import org.jvmm.net.backend.api.Endpoint;
import org.jvmm.net.backend.resources.LoopbackEndpointHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code net_endpoint_handle:loopback}. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=net_endpoint_handle", "vmm.resource.id=loopback"})
public final class LoopbackEndpointResolver implements ResourceResolver<LoopbackEndpointHandle, Endpoint> {
    @Override
    public Class<LoopbackEndpointHandle> handleType() {
        return LoopbackEndpointHandle.class;
    }

    @Override
    public Class<Endpoint> outputType() {
        return Endpoint.class;
    }

    @Override
    public Endpoint resolve(LoopbackEndpointHandle handle, ResolveContext ctx) {
        return new LoopbackEndpoint(handle.effectiveBacklog());
    }
}
