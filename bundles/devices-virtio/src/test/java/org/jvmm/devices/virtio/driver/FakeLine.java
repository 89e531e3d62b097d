package org.jvmm.devices.virtio.driver;

import org.jvmm.chipset.api.LineInterrupt;

/** An interrupt line that records its level and counts rising edges. */
public final class FakeLine implements LineInterrupt {
    private boolean level;
    private int rises;
    private int changes;

    @Override
    public synchronized void setLevel(boolean high) {
        if (high != level) {
            changes++;
            if (high) {
                rises++;
            }
        }
        level = high;
    }

    public synchronized boolean level() {
        return level;
    }

    public synchronized int rises() {
        return rises;
    }

    public synchronized int changes() {
        return changes;
    }
}
