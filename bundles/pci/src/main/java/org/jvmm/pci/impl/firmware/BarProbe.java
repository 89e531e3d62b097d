package org.jvmm.pci.impl.firmware;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.pci.impl.topology.ConfigFunction;

/** Finds a type-0 function's BARs the way firmware does: write all ones, read the size mask back. */
final class BarProbe {
    private static final int BAR0 = 0x10;

    private BarProbe() {
    }

    /** Requests for {@code f}'s BARs; 64-bit prefetchable ones go high when {@code high}. */
    static List<Request> probe(ConfigFunction f, boolean high) {
        List<Request> out = new ArrayList<>();
        for (int reg = 0; reg < 6; reg++) {
            int off = BAR0 + 4 * reg;
            int original = f.read(off);
            f.write(off, -1, 0xF);
            int mask = f.read(off);
            f.write(off, original, 0xF);
            if (mask == 0 || mask == -1 && original == -1) {
                continue;
            }
            if ((mask & 1) != 0) {
                long size = Long.lowestOneBit(mask & 0xFFFF_FFFCL);
                if (size != 0) {
                    out.add(new Request(Space.IO, size, size, f, reg, false));
                }
                continue;
            }
            boolean is64 = (mask >>> 1 & 3) == 2 && reg < 5;
            boolean prefetchable = (mask & 8) != 0;
            long sizeMask = mask & 0xFFFF_FFF0L;
            if (is64) {
                int upper = BAR0 + 4 * (reg + 1);
                int originalHigh = f.read(upper);
                f.write(upper, -1, 0xF);
                sizeMask |= (long) f.read(upper) << 32;
                f.write(upper, originalHigh, 0xF);
            }
            long size = Long.lowestOneBit(sizeMask);
            if (size != 0) {
                Space space = is64 && prefetchable && high ? Space.HIGH : Space.LOW;
                out.add(new Request(space, size, size, f, reg, is64));
            }
            if (is64) {
                reg++;
            }
        }
        return out;
    }
}
