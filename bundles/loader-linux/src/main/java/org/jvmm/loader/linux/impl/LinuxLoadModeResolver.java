package org.jvmm.loader.linux.impl;

import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.worker.spi.BootLoader;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** Resolves {@code load_mode:linux} to a {@link LinuxBootLoader}; the files are read at the first load. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=load_mode", "vmm.resource.id=linux"})
public final class LinuxLoadModeResolver implements ResourceResolver<LoadMode.LinuxDirect, BootLoader> {
    @Override
    public Class<LoadMode.LinuxDirect> handleType() {
        return LoadMode.LinuxDirect.class;
    }

    @Override
    public Class<BootLoader> outputType() {
        return BootLoader.class;
    }

    @Override
    public BootLoader resolve(LoadMode.LinuxDirect handle, ResolveContext ctx) {
        return new LinuxBootLoader(handle);
    }
}
