/**
 * {@code pci_device_handle:nvme}: the resolver resolves each namespace's {@code disk_handle} and
 * builds an {@link org.jvmm.storage.nvme.impl.NvmeController}: a PCIe endpoint (class 010802h,
 * Microsoft vendor id as OpenVMM's) with the controller registers and doorbells in 64-bit BAR0
 * and the MSI-X table and pending bits in 64-bit BAR4, INTx pin A when MSI-X is off.
 */
package org.jvmm.storage.nvme.impl;
