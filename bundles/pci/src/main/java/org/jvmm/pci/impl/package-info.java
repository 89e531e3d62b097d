/**
 * The PCIe root complex ({@code chipset_device_handle:pcie_root_complex}): {@code PcieRootComplex}
 * is the chipset device (config mechanism #1 on 0xCF8/0xCFC, ECAM, the I/O BAR window) and the
 * {@code PciHost}; {@code topology} holds the functions (host bridge, type-1 ports with the PCIe
 * slot registers, attached endpoints) and routes config cycles by the bridges' bus numbers;
 * {@code attach} gives functions their INTx lines (wired-OR, swizzled), MSI sink and BAR
 * mappers; {@code firmware} assigns bus numbers, windows and BARs before the guest runs. Every
 * config cycle, attach and detach runs under the root complex's lock.
 */
package org.jvmm.pci.impl;
