package org.jvmm.cli.impl.spec;

/**
 * Byte sizes the way OpenVMM spells them ({@code vmm_cli::MemorySize} and {@code parse_memory}):
 * a decimal count with an optional {@code K}, {@code M}, {@code G} or {@code T} suffix (powers of
 * 1024, upper case only), optionally followed by {@code B}. A bare number is a byte count, so
 * {@code 2048} means 2048 bytes, not MiB.
 */
public final class SizeParser {
    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;
    public static final long GIB = 1024 * MIB;
    public static final long TIB = 1024 * GIB;
    /** OpenVMM's {@code VMGS_DEFAULT_CAPACITY}, accepted where a disk length is expected. */
    public static final long VMGS_DEFAULT_CAPACITY = 0x400000;

    private SizeParser() {
    }

    /** Parses {@code 1G}, {@code 512MB}, {@code 4096}; overflow and junk are errors. */
    public static long parse(String s) throws SpecException {
        String digits = s.endsWith("B") ? s.substring(0, s.length() - 1) : s;
        long multiplier = 1;
        if (!digits.isEmpty()) {
            multiplier = multiplier(digits.charAt(digits.length() - 1));
            if (multiplier != 1) {
                digits = digits.substring(0, digits.length() - 1);
            }
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SpecException("invalid memory size '" + s + "'");
        }
        try {
            return Math.multiplyExact(Long.parseUnsignedLong(digits), multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new SpecException("memory size '" + s + "' overflows");
        }
    }

    /** {@link #parse} that also accepts {@code VMGS_DEFAULT} (OpenVMM's disk-length form). */
    public static long parseDiskLength(String s) throws SpecException {
        return "VMGS_DEFAULT".equals(s) ? VMGS_DEFAULT_CAPACITY : parse(s);
    }

    /** A compact form for messages: {@code 1G}, {@code 4K}, {@code 1536M}, {@code 12345}. */
    public static String format(long bytes) {
        for (long unit : new long[] {TIB, GIB, MIB, KIB}) {
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + suffix(unit);
            }
        }
        return Long.toString(bytes);
    }

    private static long multiplier(char c) {
        return switch (c) {
            case 'K' -> KIB;
            case 'M' -> MIB;
            case 'G' -> GIB;
            case 'T' -> TIB;
            default -> 1;
        };
    }

    private static String suffix(long unit) {
        return unit == TIB ? "T" : unit == GIB ? "G" : unit == MIB ? "M" : "K";
    }
}
