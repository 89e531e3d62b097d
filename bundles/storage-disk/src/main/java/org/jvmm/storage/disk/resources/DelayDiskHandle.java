package org.jvmm.storage.disk.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * Another disk with {@code delayMillis} of latency added to every request (OpenVMM's
 * {@code DelayDiskHandle}), for tests.
 *
 * @param disk        the {@code disk_handle} that does the I/O
 * @param delayMillis milliseconds, 0..3600000
 */
@HandleType(kind = "disk_handle", id = "delay")
public record DelayDiskHandle(ResourceHandle disk, long delayMillis) implements ResourceHandle {
    private static final String KEY = Checks.DISK + "delay";

    public DelayDiskHandle {
        Checks.required(KEY, "disk", disk);
        if (delayMillis < 0 || delayMillis > 3_600_000) {
            throw new IllegalArgumentException(KEY + ": delayMillis must be 0..3600000, got " + delayMillis);
        }
    }
}
