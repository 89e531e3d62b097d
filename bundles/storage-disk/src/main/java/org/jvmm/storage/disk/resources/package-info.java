/**
 * Handle records of the disks ({@code disk_handle:file}, {@code :ram}, {@code :layered},
 * {@code :crypt}, {@code :delay}) and layers ({@code disk_layer_handle:ram}, {@code :disk},
 * {@code :sqlite}, {@code :sqlite-autocache}, {@code :qcow2}), the catalog of them for JSON
 * ({@link org.jvmm.storage.disk.resources.DiskHandleTypes}), and OpenVMM's command-line disk
 * syntax ({@link org.jvmm.storage.disk.resources.DiskSpecParser}).
 */
@Export
@Version("1.0.0")
package org.jvmm.storage.disk.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
