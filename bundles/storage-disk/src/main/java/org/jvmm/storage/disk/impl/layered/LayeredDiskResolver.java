package org.jvmm.storage.disk.impl.layered;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskLayer;
import org.jvmm.storage.disk.api.DiskLayerAttach;
import org.jvmm.storage.disk.api.LayerGeometry;
import org.jvmm.storage.disk.resources.DiskLayerDescription;
import org.jvmm.storage.disk.resources.LayeredDiskHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/**
 * {@code disk_handle:layered}: resolves every layer, attaches them bottom-up, and checks the
 * stack. On any failure whatever was opened is closed again.
 */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=disk_handle", "vmm.resource.id=layered"})
public final class LayeredDiskResolver implements ResourceResolver<LayeredDiskHandle, Disk> {
    @Override
    public Class<LayeredDiskHandle> handleType() {
        return LayeredDiskHandle.class;
    }

    @Override
    public Class<Disk> outputType() {
        return Disk.class;
    }

    @Override
    public Disk resolve(LayeredDiskHandle handle, ResolveContext ctx) throws ResolveException {
        List<DiskLayerDescription> descs = handle.layers();
        DiskLayerAttach[] pending = new DiskLayerAttach[descs.size()];
        DiskLayer[] attached = new DiskLayer[descs.size()];
        boolean done = false;
        try {
            for (int i = 0; i < descs.size(); i++) {
                pending[i] = ctx.child("layers[" + i + "]").resolve(descs.get(i).layer(), DiskLayerAttach.class);
            }
            attachAll(handle, ctx, pending, attached);
            List<LayeredDisk.Layer> layers = new ArrayList<>();
            for (int i = 0; i < descs.size(); i++) {
                layers.add(new LayeredDisk.Layer(attached[i], descs.get(i).readCache(), descs.get(i).writeThrough()));
            }
            LayeredDisk disk = LayeredDisk.of(handle.readOnly(), layers);
            done = true;
            return disk;
        } catch (IllegalArgumentException e) {
            throw ResolveException.failed("disk_handle", "layered", ctx.path(), e);
        } finally {
            if (!done) {
                release(pending, attached);
            }
        }
    }

    private static void attachAll(LayeredDiskHandle handle, ResolveContext ctx, DiskLayerAttach[] pending,
            DiskLayer[] attached) throws ResolveException {
        boolean[] readOnly = layerReadOnly(handle);
        Optional<LayerGeometry> lower = Optional.empty();
        for (int i = pending.length - 1; i >= 0; i--) {
            String path = ctx.child("layers[" + i + "]").path();
            try {
                attached[i] = pending[i].attach(lower, readOnly[i]);
            } catch (IOException | RuntimeException e) {
                String key = handle.layers().get(i).layer().key();
                throw ResolveException.failed("disk_layer_handle", key.substring(key.indexOf(':') + 1), path, e);
            }
            lower = Optional.of(LayerGeometry.of(attached[i]));
        }
    }

    /** A layer is written only when it is at the top or below write-through layers; caches are written on reads. */
    private static boolean[] layerReadOnly(LayeredDiskHandle handle) {
        boolean[] out = new boolean[handle.layers().size()];
        boolean readOnly = handle.readOnly();
        for (int i = 0; i < out.length; i++) {
            DiskLayerDescription d = handle.layers().get(i);
            out[i] = readOnly && !d.readCache();
            readOnly = readOnly || !d.writeThrough();
        }
        return out;
    }

    private static void release(DiskLayerAttach[] pending, DiskLayer[] attached) {
        for (int i = 0; i < pending.length; i++) {
            if (attached[i] != null) {
                attached[i].close();
            } else if (pending[i] != null) {
                pending[i].close();
            }
        }
    }
}
