package org.jvmm.net.backend.impl;

import org.jvmm.net.backend.api.Endpoint;
import org.jvmm.net.backend.resources.NullEndpointHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code net_endpoint_handle:null}. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=net_endpoint_handle", "vmm.resource.id=null"})
public final class NullEndpointResolver implements ResourceResolver<NullEndpointHandle, Endpoint> {
    @Override
    public Class<NullEndpointHandle> handleType() {
        return NullEndpointHandle.class;
    }

    @Override
    public Class<Endpoint> outputType() {
        return Endpoint.class;
    }

    @Override
    public Endpoint resolve(NullEndpointHandle handle, ResolveContext ctx) {
        return new NullEndpoint();
    }
}
