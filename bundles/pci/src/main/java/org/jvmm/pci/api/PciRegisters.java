package org.jvmm.pci.api;

/** Configuration-space offsets and bits of the PCI header, and the byte-enable arithmetic. */
public final class PciRegisters {
    public static final int VENDOR_ID = 0x00;
    public static final int COMMAND = 0x04;
    public static final int STATUS = 0x06;
    public static final int REVISION_CLASS = 0x08;
    public static final int CACHE_LINE_SIZE = 0x0C;
    public static final int HEADER_TYPE = 0x0E;
    public static final int BAR0 = 0x10;
    public static final int SUBSYSTEM = 0x2C;
    public static final int EXPANSION_ROM = 0x30;
    public static final int CAPABILITY_POINTER = 0x34;
    public static final int INTERRUPT_LINE = 0x3C;
    public static final int INTERRUPT_PIN = 0x3D;

    /** Type-1 (bridge) header: primary, secondary and subordinate bus numbers, latency timer. */
    public static final int BRIDGE_BUS_NUMBERS = 0x18;
    public static final int BRIDGE_IO_BASE_LIMIT = 0x1C;
    public static final int BRIDGE_MEMORY_BASE_LIMIT = 0x20;
    public static final int BRIDGE_PREFETCH_BASE_LIMIT = 0x24;
    public static final int BRIDGE_PREFETCH_BASE_UPPER = 0x28;
    public static final int BRIDGE_PREFETCH_LIMIT_UPPER = 0x2C;
    public static final int BRIDGE_IO_UPPER = 0x30;
    public static final int BRIDGE_EXPANSION_ROM = 0x38;
    public static final int BRIDGE_CONTROL = 0x3E;

    public static final int COMMAND_IO = 1;
    public static final int COMMAND_MEMORY = 1 << 1;
    public static final int COMMAND_BUS_MASTER = 1 << 2;
    public static final int COMMAND_PARITY = 1 << 6;
    public static final int COMMAND_SERR = 1 << 8;
    public static final int COMMAND_INTX_DISABLE = 1 << 10;

    public static final int STATUS_INTERRUPT = 1 << 3;
    public static final int STATUS_CAPABILITIES = 1 << 4;

    public static final int HEADER_MULTI_FUNCTION = 0x80;

    public static final int CAP_MSI = 0x05;
    public static final int CAP_VENDOR = 0x09;
    public static final int CAP_PCIE = 0x10;
    public static final int CAP_MSIX = 0x11;

    /** Where the capability list may start, and the end of the PCI-compatible space. */
    public static final int CAPABILITIES_START = 0x40;
    public static final int STANDARD_SPACE_SIZE = 0x100;
    /** The PCIe configuration space of one function. */
    public static final int CONFIG_SPACE_SIZE = 0x1000;

    private PciRegisters() {
    }

    /** The bits selected by byte enables (bit i selects byte i of a dword). */
    public static int byteMask(int byteEnables) {
        int mask = 0;
        for (int i = 0; i < 4; i++) {
            if ((byteEnables & 1 << i) != 0) {
                mask |= 0xFF << 8 * i;
            }
        }
        return mask;
    }

    /** {@code old} with the enabled bytes replaced by those of {@code value}. */
    public static int merge(int old, int value, int byteEnables) {
        int mask = byteMask(byteEnables);
        return old & ~mask | value & mask;
    }

    /**
     * A register with read-only, read-write and write-one-to-clear bits after a guest write of
     * {@code value} through {@code byteEnables}.
     */
    public static int write(int old, int value, int byteEnables, int writable, int writeOneToClear) {
        int mask = byteMask(byteEnables);
        int v = value & mask;
        int rw = old & ~(writable & mask) | v & writable;
        return rw & ~(v & writeOneToClear);
    }

    /** Whether {@code offset} is a valid dword offset of a configuration space. */
    public static boolean validDwordOffset(int offset) {
        return offset >= 0 && offset < CONFIG_SPACE_SIZE && (offset & 3) == 0;
    }
}
