package org.jvmm.pci.impl.attach;

import java.util.List;
import org.jvmm.chipset.api.MmioRange;

/** The memory windows BARs may be mapped in (the host's 32-bit and 64-bit windows). */
public record MmioWindows(List<MmioRange> windows) {
    public MmioWindows {
        windows = List.copyOf(windows);
    }

    /** Whether {@code range} lies entirely inside one window. */
    public boolean contains(MmioRange range) {
        for (MmioRange w : windows) {
            if (range.start() >= w.start() && range.start() - w.start() <= w.length() - range.length()) {
                return true;
            }
        }
        return false;
    }
}
