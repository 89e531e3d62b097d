package org.jvmm.devices.virtio.resources;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A host directory shared with the guest over virtio-fs (FUSE), mounted in a Linux guest with
 * {@code mount -t virtiofs <tag> <dir>}. The guest cannot reach anything outside {@code path}: names
 * are plain, ".." stops at it, and the server never follows a symlink.
 *
 * @param tag      the tag the guest mounts the share by (1 to 36 UTF-8 bytes)
 * @param path     the host directory to export
 * @param readOnly refuse every change (EROFS)
 */
@HandleType(kind = "virtio", id = "virtio-fs")
public record VirtioFsHandle(String tag, String path, boolean readOnly) implements ResourceHandle {
    /** The longest tag, in UTF-8 bytes (the config space field). */
    public static final int MAX_TAG_BYTES = 36;

    public VirtioFsHandle {
        Objects.requireNonNull(tag, "virtio:virtio-fs: tag is required");
        Objects.requireNonNull(path, "virtio:virtio-fs: path is required");
        int len = tag.getBytes(StandardCharsets.UTF_8).length;
        if (len == 0 || len > MAX_TAG_BYTES || tag.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("virtio:virtio-fs: tag must be 1 to 36 bytes without NUL, got '"
                    + tag + "'");
        }
        if (path.isBlank()) {
            throw new IllegalArgumentException("virtio:virtio-fs: path must name a host directory");
        }
    }
}
