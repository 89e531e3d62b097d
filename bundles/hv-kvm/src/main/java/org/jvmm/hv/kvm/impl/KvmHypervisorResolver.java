package org.jvmm.hv.kvm.impl;

import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.kvm.resources.KvmHypervisorHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code hypervisor:kvm}: Linux KVM through /dev/kvm. */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=hypervisor", "vmm.resource.id=kvm"})
public final class KvmHypervisorResolver implements ResourceResolver<KvmHypervisorHandle, Hypervisor> {
    private final KvmHypervisor hypervisor = new KvmHypervisor();

    @Override
    public Class<KvmHypervisorHandle> handleType() {
        return KvmHypervisorHandle.class;
    }

    @Override
    public Class<Hypervisor> outputType() {
        return Hypervisor.class;
    }

    @Override
    public Hypervisor resolve(KvmHypervisorHandle handle, ResolveContext ctx) {
        return hypervisor;
    }
}
