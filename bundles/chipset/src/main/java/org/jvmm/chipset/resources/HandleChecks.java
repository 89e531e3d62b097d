package org.jvmm.chipset.resources;

/** Argument checks shared by the handle records; messages name {@code kind:id} and the field. */
final class HandleChecks {
    private HandleChecks() {
    }

    static void port(String key, String field, int port, int length) {
        if (port < 0 || length < 1 || port + length > 0x10000) {
            throw new IllegalArgumentException(key + ": " + field + " must leave " + length
                    + " port(s) within 0..0xFFFF, got 0x" + Integer.toHexString(port));
        }
    }

    static void range(String key, String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + ": " + field + " must be " + min + ".." + max + ", got " + value);
        }
    }

    static void name(String key, String name) {
        if (name == null || !name.matches("[a-z][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException(key + ": name must be 1..32 lower-case letters, digits, '-' or '_'"
                    + " starting with a letter, got " + name);
        }
    }
}
