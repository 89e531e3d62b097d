package org.jvmm.cli.impl.spec;

/**
 * jvmm's limits on {@code --processors} and {@code --memory}: guest RAM is one shared mapping
 * of whole 4 KiB pages, at least 1 MiB (the real-mode area a loader needs) and at most 1 TiB;
 * processors are 1 to 256 (xAPIC ids without x2APIC).
 */
public final class MachineLimits {
    public static final int MIN_PROCESSORS = 1;
    public static final int MAX_PROCESSORS = 256;
    public static final long MIN_MEMORY = SizeParser.MIB;
    public static final long MAX_MEMORY = SizeParser.TIB;
    public static final long PAGE = 4 * SizeParser.KIB;
    /** OpenVMM's default guest RAM. */
    public static final long DEFAULT_MEMORY = SizeParser.GIB;

    private MachineLimits() {
    }

    /** A processor count in range. */
    public static int processors(String s) throws SpecException {
        long n = Numbers.unsigned(s, Numbers.U32_MAX, "processor count");
        if (n < MIN_PROCESSORS || n > MAX_PROCESSORS) {
            throw new SpecException("processor count must be " + MIN_PROCESSORS + " to " + MAX_PROCESSORS + ", got " + n);
        }
        return (int) n;
    }

    /** A guest RAM size in range and page aligned. */
    public static long memory(long bytes) throws SpecException {
        String b = SizeParser.format(bytes);
        if (bytes < MIN_MEMORY) {
            throw new SpecException("memory size " + b + " is below the minimum of 1M (sizes without a suffix are bytes)");
        }
        if (bytes > MAX_MEMORY) {
            throw new SpecException("memory size " + b + " is above the maximum of 1T");
        }
        if (bytes % PAGE != 0) {
            throw new SpecException("memory size " + b + " is not a multiple of 4K");
        }
        return bytes;
    }
}
