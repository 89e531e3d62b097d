package org.jvmm.storage.disk.impl.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jvmm.storage.disk.api.DiskLayerAttach;
import org.jvmm.storage.disk.api.LayerGeometry;
import org.jvmm.storage.disk.resources.SqliteFormat;
import org.jvmm.storage.disk.resources.SqliteLayerHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code disk_layer_handle:sqlite}: opens, or creates on attach, an SQLite layer file. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=disk_layer_handle", "vmm.resource.id=sqlite"})
public final class SqliteLayerResolver implements ResourceResolver<SqliteLayerHandle, DiskLayerAttach> {
    @Override
    public Class<SqliteLayerHandle> handleType() {
        return SqliteLayerHandle.class;
    }

    @Override
    public Class<DiskLayerAttach> outputType() {
        return DiskLayerAttach.class;
    }

    @Override
    public DiskLayerAttach resolve(SqliteLayerHandle handle, ResolveContext ctx) {
        return (lower, readOnly) -> attach(handle, lower, readOnly);
    }

    static SqliteLayer attach(SqliteLayerHandle handle, Optional<LayerGeometry> lower, boolean readOnly)
            throws IOException {
        Path path = Path.of(handle.path());
        SqliteFormat f = handle.format();
        if (f == null) {
            return new SqliteLayer(SqliteStore.open(path, readOnly), "sqlite");
        }
        int sectorSize = f.sectorSize() != 0 ? f.sectorSize() : lower.map(LayerGeometry::sectorSize).orElse(512);
        long size;
        if (f.size() != null) {
            size = f.size();
        } else if (lower.isPresent()) {
            size = lower.get().sizeBytes();
        } else {
            throw new IOException("a new SQLite layer without a size needs a layer below it");
        }
        if (size % sectorSize != 0) {
            throw new IOException("SQLite layer size " + size + " is not a multiple of the sector size " + sectorSize);
        }
        SqliteStore store = SqliteStore.create(path, new SqliteMeta(f.logicallyReadOnly(), size / sectorSize, sectorSize));
        return new SqliteLayer(store, "sqlite");
    }
}
