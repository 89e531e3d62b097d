/**
 * Handle records of the PC chipset devices ({@code chipset_device_handle:serial_16550}, {@code :pic},
 * {@code :pit}, {@code :rtc}, {@code :ioapic}, {@code :i8042}, {@code :acpi_pm}, {@code :debugcon},
 * {@code :debug_exit}, {@code :port_sink}, {@code :fw_cfg}) and the fixed facts firmware tables need about them
 * ({@link org.jvmm.chipset.resources.AcpiPmLayout}).
 */
@Export
@Version("1.0.0")
package org.jvmm.chipset.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
