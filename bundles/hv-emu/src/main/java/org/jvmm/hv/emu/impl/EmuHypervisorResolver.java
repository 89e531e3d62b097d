package org.jvmm.hv.emu.impl;

import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.emu.resources.EmuHypervisorHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code hypervisor:emu}: the pure-Java x86-64 emulator. */
@Component(service = ResourceResolver.class, property = {
    "vmm.resource.kind=hypervisor", "vmm.resource.id=emu"})
public final class EmuHypervisorResolver implements ResourceResolver<EmuHypervisorHandle, Hypervisor> {
    private final EmuHypervisor hypervisor = new EmuHypervisor();

    @Override
    public Class<EmuHypervisorHandle> handleType() {
        return EmuHypervisorHandle.class;
    }

    @Override
    public Class<Hypervisor> outputType() {
        return Hypervisor.class;
    }

    @Override
    public Hypervisor resolve(EmuHypervisorHandle handle, ResolveContext ctx) {
        return hypervisor;
    }
}
