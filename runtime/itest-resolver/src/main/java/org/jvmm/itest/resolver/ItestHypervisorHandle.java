package org.jvmm.itest.resolver;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** {@code hypervisor:itest}: the worker builds it from {@code {"resource": "hypervisor:itest"}}. */
@HandleType(kind = ItestHypervisorHandle.KIND, id = ItestHypervisorHandle.ID)
public record ItestHypervisorHandle() implements ResourceHandle {
    public static final String KIND = "hypervisor";
    public static final String ID = "itest";
}
