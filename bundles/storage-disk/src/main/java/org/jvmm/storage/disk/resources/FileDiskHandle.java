package org.jvmm.storage.disk.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A raw image file. Its size in sectors is the file size divided by the sector size.
 *
 * @param path       the image file
 * @param readOnly   open it read-only: writes fail with READ_ONLY
 * @param createSize if not null, create the file with this many bytes (sparse, zero-filled),
 *                   replacing an existing one, as OpenVMM's {@code file:PATH;create=LEN}
 * @param direct     bypass the page cache (O_DIRECT, Linux); requests then go through aligned
 *                   bounce buffers and the sector size must be a multiple of the file system's
 *                   direct-I/O alignment
 * @param sectorSize 512 or 4096 (any power of two 512..65536); 0 means 512, or the direct-I/O
 *                   alignment with {@code direct}
 */
@HandleType(kind = "disk_handle", id = "file")
public record FileDiskHandle(String path, boolean readOnly, Long createSize, boolean direct, int sectorSize)
        implements ResourceHandle {
    private static final String KEY = Checks.DISK + "file";

    public FileDiskHandle {
        Checks.path(KEY, "path", path);
        Checks.sectorSize(KEY, sectorSize);
        if (createSize != null) {
            Checks.size(KEY, "createSize", createSize, sectorSize);
        }
    }

    /** An existing file with 512-byte sectors. */
    public static FileDiskHandle of(String path, boolean readOnly) {
        return new FileDiskHandle(path, readOnly, null, false, 0);
    }
}
