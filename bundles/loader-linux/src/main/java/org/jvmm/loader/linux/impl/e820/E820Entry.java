package org.jvmm.loader.linux.impl.e820;

/**
 * One range of the BIOS-style memory map.
 *
 * @param addr first guest-physical address
 * @param size length in bytes, positive
 * @param type {@link #RAM}, {@link #RESERVED}, {@link #ACPI} or {@link #NVS}
 */
public record E820Entry(long addr, long size, int type) {
    public static final int RAM = 1;
    public static final int RESERVED = 2;
    public static final int ACPI = 3;
    public static final int NVS = 4;

    public E820Entry {
        if (size <= 0 || addr < 0) {
            throw new IllegalArgumentException("e820 entry 0x%x+0x%x: bad range".formatted(addr, size));
        }
    }

    public long end() {
        return addr + size;
    }

    public static String typeName(int type) {
        return switch (type) {
            case RAM -> "ram";
            case RESERVED -> "reserved";
            case ACPI -> "acpi";
            case NVS -> "nvs";
            default -> "type" + type;
        };
    }

    @Override
    public String toString() {
        return "[0x%x-0x%x) %s".formatted(addr, end(), typeName(type));
    }
}
