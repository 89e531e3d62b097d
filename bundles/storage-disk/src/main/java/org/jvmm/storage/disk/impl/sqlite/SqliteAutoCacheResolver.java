package org.jvmm.storage.disk.impl.sqlite;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.jvmm.storage.disk.api.DiskLayerAttach;
import org.jvmm.storage.disk.api.LayerGeometry;
import org.jvmm.storage.disk.resources.SqliteAutoCacheLayerHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/**
 * {@code disk_layer_handle:sqlite-autocache}: the cache file {@code cachePath/KEY/cache.dbhd},
 * created on first use. A new file is formatted in a private temporary directory and then
 * hard-linked into place, so two VMMs starting at once end up sharing one complete file.
 */
@Component(service = ResourceResolver.class,
        property = {"vmm.resource.kind=disk_layer_handle", "vmm.resource.id=sqlite-autocache"})
public final class SqliteAutoCacheResolver implements ResourceResolver<SqliteAutoCacheLayerHandle, DiskLayerAttach> {
    private static final String FILE = "cache.dbhd";

    @Override
    public Class<SqliteAutoCacheLayerHandle> handleType() {
        return SqliteAutoCacheLayerHandle.class;
    }

    @Override
    public Class<DiskLayerAttach> outputType() {
        return DiskLayerAttach.class;
    }

    @Override
    public DiskLayerAttach resolve(SqliteAutoCacheLayerHandle handle, ResolveContext ctx) {
        return (lower, readOnly) -> attach(handle, lower, readOnly);
    }

    static SqliteLayer attach(SqliteAutoCacheLayerHandle handle, Optional<LayerGeometry> lower, boolean readOnly)
            throws IOException {
        LayerGeometry below = lower.orElseThrow(() -> new IOException("an auto-cache layer needs a layer below it to cache"));
        String key = handle.cacheKey() != null ? handle.cacheKey()
                : HexFormat.of().formatHex(below.diskId().orElseThrow(() ->
                        new IOException("the disk below has no disk id to use as the cache key; give a key")));
        Path file = Path.of(handle.cachePath(), key, FILE);
        if (!Files.exists(file)) {
            if (readOnly) {
                throw new IOException("cache file " + file + " does not exist and cannot be created read-only");
            }
            createShared(file, below);
        }
        SqliteStore store = SqliteStore.open(file, readOnly);
        if (store.meta().sectorCount() != below.sectorCount() || store.meta().sectorSize() != below.sectorSize()) {
            SqliteMeta m = store.meta();
            store.close();
            throw new IOException("cache " + file + " holds " + m.sectorCount() + " sectors of " + m.sectorSize()
                    + " bytes, the disk below " + below.sectorCount() + " of " + below.sectorSize());
        }
        return new SqliteLayer(store, "sqlite-autocache");
    }

    private static void createShared(Path file, LayerGeometry below) throws IOException {
        Path dir = Files.createDirectories(file.getParent());
        Path tmp = Files.createTempDirectory(dir, ".new-");
        try {
            Path tmpFile = tmp.resolve(FILE);
            SqliteStore.create(tmpFile, new SqliteMeta(true, below.sectorCount(), below.sectorSize())).close();
            try {
                Files.createLink(file, tmpFile);
            } catch (FileAlreadyExistsException e) {
                // another VMM created the cache first: use its file
            }
        } finally {
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }
    }
}
