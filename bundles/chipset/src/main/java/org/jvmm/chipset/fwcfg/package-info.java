/**
 * The contents of QEMU's firmware configuration device ({@code chipset_device_handle:fw_cfg}):
 * {@link org.jvmm.chipset.fwcfg.FwCfgItems}, filled by whoever prepares the boot (CPU count, RAM
 * size, kernel, initrd, command line, ACPI tables as files) and handed to the device's resolver as
 * a resolve input.
 */
@Export
@Version("1.0.0")
package org.jvmm.chipset.fwcfg;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
