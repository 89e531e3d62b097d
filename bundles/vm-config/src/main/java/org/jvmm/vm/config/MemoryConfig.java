package org.jvmm.vm.config;

/**
 * Guest RAM.
 *
 * @param sizeBytes size in bytes: a positive multiple of 4096
 * @param ramFile   file backing guest RAM (shared mapping), or null for anonymous memory
 * @param prefetch  touch every page up front
 */
public record MemoryConfig(long sizeBytes, String ramFile, boolean prefetch) {
    public static final long PAGE_SIZE = 4096;

    public MemoryConfig {
        if (sizeBytes <= 0 || sizeBytes % PAGE_SIZE != 0) {
            throw new IllegalArgumentException("memory.sizeBytes: must be a positive multiple of 4096, got "
                    + sizeBytes);
        }
        Check.optionalNotBlank(ramFile, "memory.ramFile");
    }

    /** {@code sizeBytes} of anonymous memory, no prefetch. */
    public static MemoryConfig ofBytes(long sizeBytes) {
        return new MemoryConfig(sizeBytes, null, false);
    }
}
