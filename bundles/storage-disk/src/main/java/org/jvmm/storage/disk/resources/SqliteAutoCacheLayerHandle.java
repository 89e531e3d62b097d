package org.jvmm.storage.disk.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A read cache in an SQLite file chosen automatically (OpenVMM's
 * {@code SqliteAutoCacheDiskLayerHandle}): {@code cachePath/KEY/cache.dbhd}, created on first use
 * with the size of the layer below. Use it with {@code readCache} on a read-only disk.
 *
 * @param cachePath the cache directory
 * @param cacheKey  the key; null means the lower layer's disk id in hex
 */
@HandleType(kind = "disk_layer_handle", id = "sqlite-autocache")
public record SqliteAutoCacheLayerHandle(String cachePath, String cacheKey) implements ResourceHandle {
    private static final String KEY = Checks.LAYER + "sqlite-autocache";

    public SqliteAutoCacheLayerHandle {
        Checks.path(KEY, "cachePath", cachePath);
        if (cacheKey != null && (cacheKey.isEmpty() || cacheKey.contains("/") || cacheKey.contains("\\")
                || cacheKey.equals(".") || cacheKey.equals(".."))) {
            throw new IllegalArgumentException(KEY + ": cacheKey must be a non-empty file name, got '" + cacheKey + "'");
        }
    }
}
