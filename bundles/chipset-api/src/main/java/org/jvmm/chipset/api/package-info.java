/**
 * The chipset device API (OpenVMM's {@code chipset_device}): a {@link ChipsetDevice} offers
 * optional port-I/O, MMIO and PCI-configuration intercepts, raises interrupt lines and may be
 * polled. Guest accesses never throw: they return an {@link IoResult}.
 */
@Export
@Version("1.3.0")
package org.jvmm.chipset.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
