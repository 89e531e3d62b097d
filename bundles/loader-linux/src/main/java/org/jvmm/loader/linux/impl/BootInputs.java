package org.jvmm.loader.linux.impl;

import java.util.Optional;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.loader.linux.impl.e820.E820Map;

/**
 * What every boot path needs besides the kernel: memory, the memory map, the RSDP, the command
 * line and the initrd.
 *
 * @param memory  guest RAM
 * @param e820    the memory map, ACPI area already marked
 * @param rsdp    guest-physical address of the RSDP
 * @param cmdline the whole command line
 * @param initrd  the initrd, if any
 */
public record BootInputs(GuestMemory memory, E820Map e820, long rsdp, String cmdline, Optional<FileImage> initrd) {
}
