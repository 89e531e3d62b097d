package org.jvmm.net.backend.resources;

import org.jvmm.vmm.resource.HandleTypes;

/** The handle records of this bundle, to read them from JSON ({@code HandleJson.reader}). */
public final class NetEndpointHandleTypes {
    private static final HandleTypes ALL = HandleTypes.of(NullEndpointHandle.class, LoopbackEndpointHandle.class);

    private NetEndpointHandleTypes() {
    }

    public static HandleTypes all() {
        return ALL;
    }
}
