package org.jvmm.itest.resolver;

import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** Resolves {@code chipset_device_handle:itest-probe} to the text {@code probe:<name>}. */
@Component(service = ResourceResolver.class, property = {
        ResourceResolver.KIND_PROPERTY + "=" + ProbeHandle.KIND,
        ResourceResolver.ID_PROPERTY + "=" + ProbeHandle.ID })
public final class ProbeResolver implements ResourceResolver<ProbeHandle, String> {

    @Override
    public Class<ProbeHandle> handleType() {
        return ProbeHandle.class;
    }

    @Override
    public Class<String> outputType() {
        return String.class;
    }

    @Override
    public String resolve(ProbeHandle handle, ResolveContext ctx) throws ResolveException {
        if (handle.name() == null || handle.name().isBlank()) {
            throw ResolveException.failed(ProbeHandle.KIND, ProbeHandle.ID, ctx.path(), "name is empty");
        }
        return "probe:" + handle.name();
    }
}
