/**
 * The hypervisor SPI, modelled on OpenVMM's {@code virt} traits: a {@link Hypervisor} creates a
 * {@link Partition} over guest memory; the partition owns {@link VirtualProcessor}s that run guest
 * code until a {@link VpExit}. Port I/O and MMIO are dispatched by the backend, while the VP runs,
 * through the {@link CpuIo} callback that the chipset implements.
 */
@Export
@Version("1.2.0")
package org.jvmm.hv.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
