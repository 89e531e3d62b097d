/**
 * Linux direct boot ({@code load_mode:linux}). {@link org.jvmm.loader.linux.impl.LinuxBootLoader}
 * recognises the kernel ({@link org.jvmm.loader.linux.impl.KernelImage}), builds the platform's
 * ACPI tables ({@code acpi}, {@code aml}) and memory map ({@code e820}), and hands the rest to one
 * boot path: {@code bzimage} (64-bit entry, boot_params), {@code pvh} (ELF PVH entry,
 * hvm_start_info; also for the vmlinux extracted from a bzImage's payload) or {@code multiboot}.
 * {@code cpu} sets the bootstrap processor's entry state; {@code platform} reads the devices from
 * the configuration; low-memory addresses are in {@link org.jvmm.loader.linux.impl.BootAddresses}.
 */
package org.jvmm.loader.linux.impl;
