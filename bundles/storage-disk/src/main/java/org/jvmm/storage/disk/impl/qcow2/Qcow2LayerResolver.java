package org.jvmm.storage.disk.impl.qcow2;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.jvmm.storage.disk.api.DiskLayerAttach;
import org.jvmm.storage.disk.api.LayerGeometry;
import org.jvmm.storage.disk.resources.Qcow2LayerHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code disk_layer_handle:qcow2}: opens the image read-only and checks its header on attach. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=disk_layer_handle", "vmm.resource.id=qcow2"})
public final class Qcow2LayerResolver implements ResourceResolver<Qcow2LayerHandle, DiskLayerAttach> {
    @Override
    public Class<Qcow2LayerHandle> handleType() {
        return Qcow2LayerHandle.class;
    }

    @Override
    public Class<DiskLayerAttach> outputType() {
        return DiskLayerAttach.class;
    }

    @Override
    public DiskLayerAttach resolve(Qcow2LayerHandle handle, ResolveContext ctx) {
        return (lower, readOnly) -> open(handle.path(), lower);
    }

    static Qcow2Layer open(String path, Optional<LayerGeometry> lower) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(Path.of(path), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new IOException("cannot open qcow2 image " + path + ": " + e.getMessage(), e);
        }
        try {
            Qcow2Header h = Qcow2Header.read(ch, path);
            if (h.backingFile().isPresent() && lower.isEmpty()) {
                throw new IOException("qcow2 image " + path + " has the backing file '" + h.backingFile().get()
                        + "': put it as the layer below this one");
            }
            return new Qcow2Layer(path, new Qcow2Image(path, ch, h));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }
}
