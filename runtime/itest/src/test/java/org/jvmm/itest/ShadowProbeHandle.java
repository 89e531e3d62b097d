package org.jvmm.itest;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** The same {@code kind:id} as the itest-resolver bundle's handle: a deliberate conflict. */
@HandleType(kind = ResolverRegistryIT.KIND, id = ResolverRegistryIT.ID)
record ShadowProbeHandle(String name) implements ResourceHandle {
}
