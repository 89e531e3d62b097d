package org.jvmm.vmm.resource.impl;

import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResourceResolver;

/** One registered resolver; {@code info.conflicted()} is false here, computed on lookup. */
record RegistryEntry(long token, ResourceResolver<?, ?> resolver, ResolverInfo info) {

    /** A bundle description for error messages: {@code org.jvmm.storage.disk [12]}. */
    String bundleLabel() {
        return info.bundleSymbolicName() + " [" + info.bundleId() + "]";
    }
}
