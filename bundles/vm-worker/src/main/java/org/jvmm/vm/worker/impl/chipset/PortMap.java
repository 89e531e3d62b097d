package org.jvmm.vm.worker.impl.chipset;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;

/** Port number to device: 65536 slots, replaced whole on every change (lock-free reads). */
final class PortMap {
    static final int PORTS = 0x10000;

    /** One claimed range; shared by all its ports. */
    record Entry(DeviceSlot slot, PortIoIntercept io, PortRange range) {
        String describe() {
            return slot.name() + " (" + range.name() + ")";
        }
    }

    private volatile Entry[] ports = new Entry[PORTS];

    Entry at(int port) {
        return ports[port & 0xFFFF];
    }

    /** Claims every range of {@code io} for {@code slot}, all or nothing. */
    synchronized void add(DeviceSlot slot, PortIoIntercept io) throws DeviceConflictException {
        Entry[] copy = ports.clone();
        for (PortRange range : io.portRanges()) {
            Entry entry = new Entry(slot, io, range);
            for (int p = range.start(); p < range.start() + range.length(); p++) {
                if (copy[p] != null) {
                    throw new DeviceConflictException(String.format("port 0x%x: %s conflicts with %s",
                            p, entry.describe(), copy[p].describe()));
                }
                copy[p] = entry;
            }
        }
        ports = copy;
    }

    /** Releases every port of {@code slot}. */
    synchronized void remove(DeviceSlot slot) {
        Entry[] copy = ports.clone();
        for (int p = 0; p < PORTS; p++) {
            if (copy[p] != null && copy[p].slot() == slot) {
                copy[p] = null;
            }
        }
        ports = copy;
    }

    /** The ranges claimed by {@code slot}, in port order. */
    List<PortRange> rangesOf(DeviceSlot slot) {
        Entry[] snapshot = ports;
        List<PortRange> out = new ArrayList<>();
        Entry last = null;
        for (Entry e : snapshot) {
            if (e != null && e != last && e.slot() == slot) {
                out.add(e.range());
            }
            last = e;
        }
        return out;
    }
}
