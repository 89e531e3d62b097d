/**
 * The root complex acting as firmware before the guest runs (Linux is booted without a BIOS):
 * bus numbers depth-first, BARs found by the all-ones probe, bridge windows sized bottom-up
 * (with room reserved on hot-plug ports) and placed top-down, decoding enabled, interrupt line
 * registers set to the GSI.
 */
package org.jvmm.pci.impl.firmware;
