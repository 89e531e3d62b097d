package org.jvmm.storage.disk.resources;

import org.jvmm.vmm.resource.HandleTypes;

/** The handle records of this bundle, to read them from JSON ({@code HandleJson.reader}). */
public final class DiskHandleTypes {
    private static final HandleTypes ALL = HandleTypes.of(FileDiskHandle.class, RamDiskHandle.class,
            LayeredDiskHandle.class, CryptDiskHandle.class, DelayDiskHandle.class, RamLayerHandle.class,
            DiskLayerHandle.class, SqliteLayerHandle.class, SqliteAutoCacheLayerHandle.class, Qcow2LayerHandle.class);

    private DiskHandleTypes() {
    }

    public static HandleTypes all() {
        return ALL;
    }
}
