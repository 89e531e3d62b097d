package org.jvmm.itest.resolver;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** A handle that resolves to a greeting naming {@link #name()}. */
@HandleType(kind = ProbeHandle.KIND, id = ProbeHandle.ID)
public record ProbeHandle(String name) implements ResourceHandle {
    public static final String KIND = "chipset_device_handle";
    public static final String ID = "itest-probe";
}
