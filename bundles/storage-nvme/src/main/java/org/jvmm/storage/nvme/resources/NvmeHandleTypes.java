package org.jvmm.storage.nvme.resources;

import org.jvmm.vmm.resource.HandleTypes;

/** The handle records of this bundle, to read them from JSON ({@code HandleJson.reader}). */
public final class NvmeHandleTypes {
    private static final HandleTypes ALL = HandleTypes.of(NvmeControllerHandle.class);

    private NvmeHandleTypes() {
    }

    public static HandleTypes all() {
        return ALL;
    }
}
