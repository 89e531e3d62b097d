package org.jvmm.storage.disk.impl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.impl.crypt.CryptDiskResolver;
import org.jvmm.storage.disk.impl.delay.DelayDiskResolver;
import org.jvmm.storage.disk.impl.file.FileDiskResolver;
import org.jvmm.storage.disk.impl.layered.DiskLayerResolver;
import org.jvmm.storage.disk.impl.layered.LayeredDiskResolver;
import org.jvmm.storage.disk.impl.qcow2.Qcow2LayerResolver;
import org.jvmm.storage.disk.impl.ram.RamDiskResolver;
import org.jvmm.storage.disk.impl.ram.RamLayerResolver;
import org.jvmm.storage.disk.impl.sqlite.SqliteAutoCacheResolver;
import org.jvmm.storage.disk.impl.sqlite.SqliteLayerResolver;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.ResourceResolver;

/** Resolves handles through this bundle's resolvers, the way the registry would, with paths. */
public final class TestResolver implements ResolveContext {
    private static final List<ResourceResolver<?, ?>> ALL = List.of(new FileDiskResolver(), new RamDiskResolver(),
            new RamLayerResolver(), new LayeredDiskResolver(), new DiskLayerResolver(), new SqliteLayerResolver(),
            new SqliteAutoCacheResolver(), new CryptDiskResolver(), new DelayDiskResolver(), new Qcow2LayerResolver());

    private final Map<String, ResourceResolver<?, ?>> byKey;
    private final String path;

    private TestResolver(Map<String, ResourceResolver<?, ?>> byKey, String path) {
        this.byKey = byKey;
        this.path = path;
    }

    /** A context at path {@code disks[0]} knowing every resolver of the bundle. */
    public static TestResolver create() {
        Map<String, ResourceResolver<?, ?>> m = new HashMap<>();
        for (ResourceResolver<?, ?> r : ALL) {
            m.put(ResourceHandle.keyOf(r.handleType()), r);
        }
        return new TestResolver(m, "disks[0]");
    }

    /** Resolves a {@code disk_handle}. */
    public static Disk disk(ResourceHandle handle) throws ResolveException {
        return create().resolve(handle, Disk.class);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> T resolve(ResourceHandle sub, Class<T> type) throws ResolveException {
        ResourceResolver r = byKey.get(sub.key());
        if (r == null) {
            throw ResolveException.missing(sub.kind(), sub.id(), path, "storage-disk");
        }
        if (!type.isAssignableFrom(r.outputType())) {
            throw ResolveException.wrongType(sub.kind(), sub.id(), path, type, r.outputType());
        }
        return type.cast(r.resolve(sub, this));
    }

    @Override
    public <T> Optional<T> input(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public Inputs inputs() {
        return Inputs.EMPTY;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public ResolveContext child(String pathSegment) {
        return new TestResolver(byKey, pathSegment.startsWith("[") ? path + pathSegment : path + "." + pathSegment);
    }

    @Override
    public ResolveContext withInputs(Inputs more) {
        return this;
    }
}
