package org.jvmm.itest.resolver;

import org.jvmm.hv.api.Hypervisor;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** Resolves {@code hypervisor:itest} to a {@link ParkingHypervisor}. */
@Component(service = ResourceResolver.class, property = {
        ResourceResolver.KIND_PROPERTY + "=" + ItestHypervisorHandle.KIND,
        ResourceResolver.ID_PROPERTY + "=" + ItestHypervisorHandle.ID })
public final class ItestHypervisorResolver implements ResourceResolver<ItestHypervisorHandle, Hypervisor> {
    private final ParkingHypervisor hypervisor = new ParkingHypervisor(ItestHypervisorHandle.ID);

    @Override
    public Class<ItestHypervisorHandle> handleType() {
        return ItestHypervisorHandle.class;
    }

    @Override
    public Class<Hypervisor> outputType() {
        return Hypervisor.class;
    }

    @Override
    public Hypervisor resolve(ItestHypervisorHandle handle, ResolveContext ctx) {
        return hypervisor;
    }
}
