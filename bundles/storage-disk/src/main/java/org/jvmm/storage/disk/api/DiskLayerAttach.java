package org.jvmm.storage.disk.api;

import java.io.IOException;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a {@code disk_layer_handle} resolves to: a layer not yet opened. The layered disk attaches
 * its layers bottom-up, so each one can size itself from the layer below (OpenVMM's
 * {@code LayerAttach}).
 */
@ConsumerType
@FunctionalInterface
public interface DiskLayerAttach extends AutoCloseable {
    /**
     * Opens the layer.
     *
     * @param lower    the geometry of the layer below; empty for the bottom layer
     * @param readOnly the layer will never be written (a read-only disk, or a layer below the
     *                 written ones that is not a read cache), so it may be opened read-only
     * @throws IOException with a one-line message when the layer cannot be opened
     */
    DiskLayer attach(Optional<LayerGeometry> lower, boolean readOnly) throws IOException;

    /** Releases what resolving opened, when the layer is never attached (another layer failed). */
    @Override
    default void close() {
    }
}
