package org.jvmm.storage.disk.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A persistent sparse layer in an SQLite file (OpenVMM's {@code SqliteDiskLayerHandle}, a
 * {@code .dbhd}); the schema is described in the implementation package. For dev/test.
 *
 * @param path   the database file
 * @param format if not null, create the file (it must not exist yet) with these parameters;
 *               null opens an existing one
 */
@HandleType(kind = "disk_layer_handle", id = "sqlite")
public record SqliteLayerHandle(String path, SqliteFormat format) implements ResourceHandle {
    public SqliteLayerHandle {
        Checks.path(Checks.LAYER + "sqlite", "path", path);
    }

    /** Opens an existing file. */
    public static SqliteLayerHandle open(String path) {
        return new SqliteLayerHandle(path, null);
    }

    /** Creates a new file of {@code size} bytes, or the lower layer's size if null. */
    public static SqliteLayerHandle create(String path, Long size) {
        return new SqliteLayerHandle(path, new SqliteFormat(false, size, 0));
    }
}
