/**
 * The disk API (OpenVMM's {@code disk_backend}): a {@link Disk} is what a storage frontend
 * (virtio-blk, NVMe) gets when it resolves a {@code disk_handle}. Requests complete
 * asynchronously with a {@link DiskResult}; they never throw toward the device.
 */
@Export
@Version("1.0.0")
package org.jvmm.storage.disk.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
