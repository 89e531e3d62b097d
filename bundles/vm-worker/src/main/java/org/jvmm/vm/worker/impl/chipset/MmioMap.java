package org.jvmm.vm.worker.impl.chipset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.MmioRange;

/** MMIO ranges sorted by start, found by binary search; replaced whole on every change. */
final class MmioMap {
    /** One claimed range. */
    record Entry(DeviceSlot slot, MmioIntercept io, MmioRange range) {
        long start() {
            return range.start();
        }

        String describe() {
            return slot.name() + " (" + range.name() + String.format(" 0x%x-0x%x)",
                    range.start(), range.start() + range.length() - 1);
        }
    }

    private static final Entry[] EMPTY = new Entry[0];
    private volatile Entry[] entries = EMPTY;

    /** The range containing {@code address}, or null. Never allocates. */
    Entry find(long address) {
        Entry[] a = entries;
        int lo = 0;
        int hi = a.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid].start() <= address) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi >= 0 && a[hi].range().contains(address) ? a[hi] : null;
    }

    /** Adds every range, all or nothing. */
    synchronized void add(DeviceSlot slot, MmioIntercept io, List<MmioRange> ranges) throws DeviceConflictException {
        List<Entry> list = new ArrayList<>(Arrays.asList(entries));
        for (MmioRange r : ranges) {
            Entry added = new Entry(slot, io, r);
            for (Entry e : list) {
                if (overlaps(e.range(), r)) {
                    throw new DeviceConflictException("mmio " + added.describe() + " conflicts with " + e.describe());
                }
            }
            list.add(added);
        }
        list.sort(Comparator.comparingLong(Entry::start));
        entries = list.toArray(EMPTY);
    }

    /** Removes the range equal to {@code range}; false when it is not mapped. */
    synchronized boolean remove(MmioRange range) {
        List<Entry> list = new ArrayList<>(Arrays.asList(entries));
        boolean removed = list.removeIf(e -> e.range().start() == range.start() && e.range().length() == range.length());
        entries = list.toArray(EMPTY);
        return removed;
    }

    /** Removes every range of {@code slot}. */
    synchronized void remove(DeviceSlot slot) {
        entries = Arrays.stream(entries).filter(e -> e.slot() != slot).toArray(Entry[]::new);
    }

    List<MmioRange> rangesOf(DeviceSlot slot) {
        return Arrays.stream(entries).filter(e -> e.slot() == slot).map(Entry::range).toList();
    }

    private static boolean overlaps(MmioRange a, MmioRange b) {
        return a.start() < b.start() + b.length() && b.start() < a.start() + a.length();
    }
}
