package org.jvmm.hv.whp.impl;

import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.whp.resources.WhpHypervisorHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code hypervisor:whp}: the Windows Hypervisor Platform. Registers on every host; its probe says where it works. */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=hypervisor", "vmm.resource.id=whp"})
public final class WhpHypervisorResolver implements ResourceResolver<WhpHypervisorHandle, Hypervisor> {
    private final WhpHypervisor hypervisor = new WhpHypervisor();

    @Override
    public Class<WhpHypervisorHandle> handleType() {
        return WhpHypervisorHandle.class;
    }

    @Override
    public Class<Hypervisor> outputType() {
        return Hypervisor.class;
    }

    @Override
    public Hypervisor resolve(WhpHypervisorHandle handle, ResolveContext ctx) {
        return hypervisor;
    }
}
