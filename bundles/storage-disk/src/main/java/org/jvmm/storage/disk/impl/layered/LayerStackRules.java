package org.jvmm.storage.disk.impl.layered;

import java.util.List;
import org.jvmm.storage.disk.api.DiskLayer;

/** The rules a stack of layers must follow (OpenVMM's {@code InvalidLayer} cases). */
final class LayerStackRules {
    private LayerStackRules() {
    }

    static void check(boolean readOnly, List<LayeredDisk.Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a layered disk needs at least one layer");
        }
        int sectorSize = layers.getFirst().layer().sectorSize();
        boolean written = true;
        for (int i = 0; i < layers.size(); i++) {
            LayeredDisk.Layer l = layers.get(i);
            DiskLayer layer = l.layer();
            if (layer.sectorSize() != sectorSize) {
                throw bad(i, layer, "sector size " + layer.sectorSize() + " differs from the top layer's " + sectorSize);
            }
            if (l.readCache() && !layer.supportsReadCache()) {
                throw bad(i, layer, "cannot be a read cache");
            }
            if (written && layer.readOnly() && !readOnly) {
                throw bad(i, layer, "is read-only but would take the writes of a writable disk;"
                        + " make the disk read-only or put a writable layer above it");
            }
            if (!written && l.writeThrough()) {
                throw bad(i, layer, "is write-through below a layer that is not");
            }
            written = written && l.writeThrough();
        }
        if (layers.getLast().writeThrough()) {
            throw bad(layers.size() - 1, layers.getLast().layer(), "is write-through but has no layer below it");
        }
    }

    private static IllegalArgumentException bad(int index, DiskLayer layer, String why) {
        return new IllegalArgumentException("layer " + index + " (" + layer.layerType() + ") " + why);
    }
}
