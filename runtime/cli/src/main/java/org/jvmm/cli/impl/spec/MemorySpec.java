package org.jvmm.cli.impl.spec;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code --memory} as OpenVMM's {@code MemoryCli}: {@code SIZE} or
 * {@code size=,shared,prefetch,thp,hugepages,hugepage_size=,file=}.
 */
public record MemorySpec(OptionalLong size, Optional<Boolean> shared, boolean prefetch, Optional<Boolean> thp,
        boolean hugepages, OptionalLong hugepageSize, Optional<String> file) {

    /** Only a size. */
    public static MemorySpec ofSize(long size) {
        return new MemorySpec(OptionalLong.of(size), Optional.empty(), false, Optional.empty(), false,
                OptionalLong.empty(), Optional.empty());
    }

    /** True when {@code shared}, {@code thp}, {@code hugepages} or {@code hugepage_size} was given. */
    public boolean hasBackingTuning() {
        return shared.isPresent() || thp.isPresent() || hugepages || hugepageSize.isPresent();
    }
}
