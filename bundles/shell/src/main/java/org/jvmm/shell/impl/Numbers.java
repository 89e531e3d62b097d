package org.jvmm.shell.impl;

import java.util.HexFormat;

/** Parsing command arguments: {@code 0x}-prefixed hex or decimal numbers, hex byte strings. */
final class Numbers {
    private Numbers() {
    }

    /** {@code 0x1000}, {@code 4096}; a clear error naming {@code what} otherwise. */
    static long parse(String text, String what) {
        String t = text.strip().replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": not a number: " + text);
        }
    }

    /** {@code 48656c6c6f}, {@code 48 65 6c}, {@code 48:65:6c}; an even number of hex digits. */
    static byte[] hexBytes(String text) {
        String t = text.replaceAll("[\\s:,-]", "");
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() % 2 != 0) {
            throw new IllegalArgumentException("bytes: need an even number of hex digits, got \"" + text + "\"");
        }
        try {
            return HexFormat.of().parseHex(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bytes: not hex: \"" + text + "\"");
        }
    }

    /** {@code 256 MiB}, {@code 1 GiB}, {@code 4097 bytes}. */
    static String size(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        String out = bytes + " bytes";
        long v = bytes;
        for (String unit : units) {
            if (v < 1024 || v % 1024 != 0) {
                break;
            }
            v /= 1024;
            out = v + " " + unit;
        }
        return out;
    }
}
