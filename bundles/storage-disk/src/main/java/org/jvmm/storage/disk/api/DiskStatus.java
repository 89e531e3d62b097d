package org.jvmm.storage.disk.api;

/** How a disk request ended; frontends map each to their own status codes. */
public enum DiskStatus {
    OK,
    /** The sector range is not inside the disk, or a buffer length is not a multiple of the sector size. */
    OUT_OF_RANGE,
    /** A write or unmap to a read-only disk. */
    READ_ONLY,
    /** The disk does not implement the request (unmap on a disk without it). */
    UNSUPPORTED,
    /** The backing store failed (I/O error, closed disk). */
    IO_ERROR,
    /** Guest memory named by a buffer could not be accessed. */
    MEMORY_ERROR
}
