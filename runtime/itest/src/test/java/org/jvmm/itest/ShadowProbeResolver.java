package org.jvmm.itest;

import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;

/** A second resolver for the probe's {@code kind:id}, registered by the test bundle. */
final class ShadowProbeResolver implements ResourceResolver<ShadowProbeHandle, String> {
    @Override
    public Class<ShadowProbeHandle> handleType() {
        return ShadowProbeHandle.class;
    }

    @Override
    public Class<String> outputType() {
        return String.class;
    }

    @Override
    public String resolve(ShadowProbeHandle handle, ResolveContext ctx) {
        return "shadow:" + handle.name();
    }
}
