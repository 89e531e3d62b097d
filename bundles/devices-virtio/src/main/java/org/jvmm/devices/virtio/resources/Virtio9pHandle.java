package org.jvmm.devices.virtio.resources;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A host directory shared with the guest over virtio-9p (9P2000.L), mounted in a Linux guest with
 * {@code mount -t 9p -o trans=virtio,version=9p2000.L <tag> <dir>}. The guest cannot reach anything
 * outside {@code path}: ".." stops at it, symlinks are never followed by the server.
 *
 * @param tag      the mount tag the guest names the share by (1 to 255 UTF-8 bytes)
 * @param path     the host directory to export
 * @param readOnly refuse every change (EROFS)
 */
@HandleType(kind = "virtio", id = "virtio-9p")
public record Virtio9pHandle(String tag, String path, boolean readOnly) implements ResourceHandle {
    /** The longest mount tag, in UTF-8 bytes. */
    public static final int MAX_TAG_BYTES = 255;

    public Virtio9pHandle {
        Objects.requireNonNull(tag, "virtio:virtio-9p: tag is required");
        Objects.requireNonNull(path, "virtio:virtio-9p: path is required");
        int len = tag.getBytes(StandardCharsets.UTF_8).length;
        if (len == 0 || len > MAX_TAG_BYTES || tag.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("virtio:virtio-9p: tag must be 1 to 255 bytes without NUL, got '"
                    + tag + "'");
        }
        if (path.isBlank()) {
            throw new IllegalArgumentException("virtio:virtio-9p: path must name a host directory");
        }
    }
}
