package org.jvmm.vm.worker.impl.boot;

import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.worker.spi.BootLoader;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceKinds;
import org.jvmm.vmm.resource.ResourceResolver;

/** Resolves {@code load_mode:none} to a {@link NoneBootLoader}; registered per VM. */
public final class NoneLoadModeResolver implements ResourceResolver<LoadMode.None, BootLoader> {
    public static final String KIND = ResourceKinds.LOAD_MODE;
    public static final String ID = "none";

    @Override
    public Class<LoadMode.None> handleType() {
        return LoadMode.None.class;
    }

    @Override
    public Class<BootLoader> outputType() {
        return BootLoader.class;
    }

    @Override
    public BootLoader resolve(LoadMode.None handle, ResolveContext ctx) {
        return new NoneBootLoader();
    }
}
