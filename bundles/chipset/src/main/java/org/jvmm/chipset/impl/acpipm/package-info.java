/**
 * ACPI fixed hardware: {@code AcpiPm} (PM1 status/enable/control, PM timer, GPE0, reset control),
 * {@code AcpiPmDevice} (ports, SCI, power requests outside the lock).
 */
package org.jvmm.chipset.impl.acpipm;
