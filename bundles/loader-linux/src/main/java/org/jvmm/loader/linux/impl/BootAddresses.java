package org.jvmm.loader.linux.impl;

/**
 * Where the loader puts its structures in low guest memory. Everything below 1 MiB except the
 * ACPI area is ordinary RAM in the e820 map; the kernel may reuse it once it has read it.
 *
 * <pre>
 * 0x01000  GDT (null, 0x08 code32, 0x10 code64, 0x18 data)
 * 0x02000  strings the info blocks point to (module names), up to 0x06000
 * 0x06000  hvm_start_info or the Multiboot info block, with its module list and memory map
 * 0x07000  boot_params (the zero page)
 * 0x09000  page tables: PML4, PDPT, four page directories (identity map of 4 GiB)
 * 0x20000  kernel command line, up to 0x30000
 * 0xE0000  ACPI tables (RSDP first), up to 0xF0000, inside the reserved 0x9FC00-0x100000
 * </pre>
 */
public final class BootAddresses {
    public static final long GDT = 0x1000;
    public static final long STRINGS = 0x2000;
    public static final long STRINGS_END = 0x6000;
    public static final long INFO_BLOCK = 0x6000;
    public static final long INFO_BLOCK_END = 0x7000;
    public static final long ZERO_PAGE = 0x7000;
    public static final long PAGE_TABLES = 0x9000;
    public static final long PAGE_TABLES_END = 0xF000;
    public static final long CMDLINE = 0x20000;
    public static final long CMDLINE_MAX = 0x10000;
    public static final long ACPI = 0xE0000;
    public static final long ACPI_END = 0xF0000;
    /** Where a kernel without a preferred address is loaded, and the lowest a kernel may use. */
    public static final long HIGH_MEMORY = 0x100000;
    /** First byte of the area below 1 MiB that the e820 map reports reserved (EBDA, ROMs). */
    public static final long EBDA = 0x9FC00;
    public static final long PAGE = 4096;

    private BootAddresses() {
    }

    public static long alignUp(long v, long alignment) {
        return (v + alignment - 1) & -alignment;
    }

    public static long alignDown(long v, long alignment) {
        return v & -alignment;
    }
}
