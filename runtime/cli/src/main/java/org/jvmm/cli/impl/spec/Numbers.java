package org.jvmm.cli.impl.spec;

/**
 * Unsigned integers as Rust's {@code str::parse} reads them (decimal digits only), with the
 * range named in the error, plus OpenVMM's {@code 0x}-prefixed hex forms.
 */
public final class Numbers {
    public static final long U8_MAX = 0xFF;
    public static final long U16_MAX = 0xFFFF;
    public static final long U32_MAX = 0xFFFF_FFFFL;

    private Numbers() {
    }

    /** A decimal number in {@code [0, max]}; {@code what} names it in the error. */
    public static long unsigned(String s, long max, String what) throws SpecException {
        return check(s, parseDigits(s, 10, what), max, what);
    }

    /** Decimal, or hexadecimal after {@code 0x} / {@code 0X}, in {@code [0, max]}. */
    public static long decimalOrHex(String s, long max, String what) throws SpecException {
        String hex = stripHexPrefix(s);
        long v = hex != null ? parseDigits(hex, 16, what) : parseDigits(s, 10, what);
        return check(s, v, max, what);
    }

    /** A {@code 0x}-prefixed hexadecimal address (64 bits). */
    public static long hexAddress(String s) throws SpecException {
        String hex = stripHexPrefix(s);
        if (hex == null) {
            throw new SpecException("invalid address '" + s + "', expected a 0x-prefixed hex value");
        }
        return parseDigits(hex, 16, "address");
    }

    /** {@code s} without a leading {@code 0x}/{@code 0X}, or null when it has none. */
    public static String stripHexPrefix(String s) {
        return s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : null;
    }

    private static long parseDigits(String s, int radix, String what) throws SpecException {
        if (s.isEmpty() || !s.chars().allMatch(c -> Character.digit(c, radix) >= 0)) {
            throw new SpecException("invalid " + what + " '" + s + "'");
        }
        try {
            return Long.parseUnsignedLong(s, radix);
        } catch (NumberFormatException e) {
            throw new SpecException(what + " '" + s + "' is too large");
        }
    }

    private static long check(String s, long v, long max, String what) throws SpecException {
        if (Long.compareUnsigned(v, max) > 0) {
            throw new SpecException(what + " '" + s + "' is out of range (0-" + max + ")");
        }
        return v;
    }
}
