/**
 * The virtio device SPI (OpenVMM's {@code virtio} crate): a {@link org.jvmm.devices.virtio.api.VirtioDevice}
 * is transport independent; a transport (virtio-mmio now, virtio-pci later) negotiates features with the
 * driver, validates and enables its {@link org.jvmm.devices.virtio.api.VirtQueue}s and activates the device
 * with them. Devices take {@link org.jvmm.devices.virtio.api.DescriptorChain}s from a queue, read and write
 * their buffers only through the chain's {@link org.jvmm.devices.virtio.api.ChainReader} /
 * {@link org.jvmm.devices.virtio.api.ChainWriter} or guest-memory slices (all already checked against
 * guest RAM), and complete them. A {@code virtio} handle resolves to a {@code VirtioDevice}.
 *
 * <p>Since 1.1 a device may offer a saved state ({@link org.jvmm.devices.virtio.api.VirtioDevice#state()}):
 * the transport saves it next to its own registers and queue positions, so the VM can be snapshotted.
 */
@Export
@Version("1.1.0")
package org.jvmm.devices.virtio.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
