package org.jvmm.pci.testing;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.chipset.api.LineInterrupt;

/** A line that records its level and every change. */
public final class FakeLine implements LineInterrupt {
    public volatile boolean level;
    public final List<Boolean> history = new ArrayList<>();

    @Override
    public synchronized void setLevel(boolean high) {
        level = high;
        history.add(high);
    }
}
