/**
 * Handle records of the virtio devices, kind {@code virtio} with OpenVMM's ids: {@code virtio-rng},
 * {@code virtio-console}, {@code virtio-blk}. Each resolves to a
 * {@link org.jvmm.devices.virtio.api.VirtioDevice}; put one in a {@code virtio_mmio} (or later
 * {@code virtio_pci}) handle to give it a transport.
 */
@Export
@Version("1.0.0")
package org.jvmm.devices.virtio.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
