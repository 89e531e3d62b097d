package org.jvmm.pci.resources;

/** Name and number checks shared by the handle records. */
final class Names {
    static final String KEY = "chipset_device_handle:pcie_root_complex";

    private Names() {
    }

    static String check(String what, String name) {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_.-]{0,47}")) {
            throw new IllegalArgumentException(KEY + ": " + what + " name must be 1..48 letters, digits, '_', '.' or"
                    + " '-' starting with a letter, got " + name);
        }
        return name;
    }

    static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(KEY + ": " + field + " must be " + min + ".." + max + ", got " + value);
        }
    }

    static void aligned(String field, long value, long alignment) {
        if (value % alignment != 0) {
            throw new IllegalArgumentException(KEY + ": " + field + " must be a multiple of 0x"
                    + Long.toHexString(alignment) + ", got 0x" + Long.toHexString(value));
        }
    }
}
