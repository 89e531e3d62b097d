package org.jvmm.guestmem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which guest-physical addresses are RAM, and where each RAM range lives in the RAM segment.
 *
 * @param ranges        RAM ranges sorted by guest-physical address, not overlapping in guest
 *                      addresses nor in segment offsets
 * @param mmioHoleStart first address of the MMIO hole below 4 GiB (equal to the end when there
 *                      is no hole)
 * @param mmioHoleEnd   first address after the MMIO hole
 */
public record GuestMemoryLayout(List<RamRange> ranges, long mmioHoleStart, long mmioHoleEnd) {

    /** Start of the PC MMIO hole (3 GiB): RAM below 4 GiB stops here. */
    public static final long PC_MMIO_HOLE_START = 0xC000_0000L;
    /** End of the PC MMIO hole (4 GiB): RAM above the hole starts here. */
    public static final long PC_MMIO_HOLE_END = 0x1_0000_0000L;

    public GuestMemoryLayout {
        ranges = List.copyOf(ranges);
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("guest memory layout has no RAM range");
        }
        if (mmioHoleStart < 0 || mmioHoleEnd < mmioHoleStart) {
            throw new IllegalArgumentException("bad MMIO hole [0x%x, 0x%x)"
                    .formatted(mmioHoleStart, mmioHoleEnd));
        }
        checkGuestAddresses(ranges, mmioHoleStart, mmioHoleEnd);
        checkOffsets(ranges);
    }

    /**
     * The PC layout: RAM from 0 up to {@code min(ramBytes, 3 GiB)} at segment offset 0, the rest
     * at 4 GiB right after it in the segment, and the MMIO hole {@code [3 GiB, 4 GiB)}.
     */
    public static GuestMemoryLayout pc(long ramBytes) {
        checkRamBytes(ramBytes);
        long low = Math.min(ramBytes, PC_MMIO_HOLE_START);
        List<RamRange> ranges = new ArrayList<>(2);
        ranges.add(new RamRange(0, low, 0));
        if (ramBytes > low) {
            ranges.add(new RamRange(PC_MMIO_HOLE_END, ramBytes - low, low));
        }
        return new GuestMemoryLayout(ranges, PC_MMIO_HOLE_START, PC_MMIO_HOLE_END);
    }

    /** One RAM range {@code [0, ramBytes)} at segment offset 0 and no MMIO hole; for tests. */
    public static GuestMemoryLayout flat(long ramBytes) {
        checkRamBytes(ramBytes);
        return new GuestMemoryLayout(List.of(new RamRange(0, ramBytes, 0)), 0, 0);
    }

    /** Size of the RAM segment: the end of the highest-placed range's bytes. */
    public long ramSize() {
        long size = 0;
        for (int i = 0; i < ranges.size(); i++) {
            size = Math.max(size, ranges.get(i).offsetEnd());
        }
        return size;
    }

    /**
     * The segment offset of {@code gpa} if {@code [gpa, gpa + len)} lies entirely in one RAM
     * range, else -1. Safe for any input; never allocates.
     */
    public long offsetOf(long gpa, long len) {
        for (int i = 0; i < ranges.size(); i++) {
            long offset = ranges.get(i).offsetOf(gpa, len);
            if (offset >= 0) {
                return offset;
            }
        }
        return -1;
    }

    /** Whether {@code gpa} lies in the MMIO hole. */
    public boolean isMmioHole(long gpa) {
        return gpa >= mmioHoleStart && gpa < mmioHoleEnd;
    }

    private static void checkRamBytes(long ramBytes) {
        if (ramBytes <= 0 || ramBytes % RamRange.PAGE_SIZE != 0) {
            throw new IllegalArgumentException(
                    "RAM size %d must be positive and a multiple of 4096".formatted(ramBytes));
        }
    }

    private static void checkGuestAddresses(List<RamRange> ranges, long holeStart, long holeEnd) {
        for (int i = 0; i < ranges.size(); i++) {
            RamRange r = ranges.get(i);
            if (i > 0 && r.gpa() < ranges.get(i - 1).end()) {
                throw new IllegalArgumentException(
                        "RAM ranges not sorted or overlapping: " + ranges.get(i - 1) + ", " + r);
            }
            if (r.gpa() < holeEnd && holeStart < r.end()) {
                throw new IllegalArgumentException("%s overlaps the MMIO hole [0x%x, 0x%x)"
                        .formatted(r, holeStart, holeEnd));
            }
        }
    }

    private static void checkOffsets(List<RamRange> ranges) {
        List<RamRange> byOffset = new ArrayList<>(ranges);
        byOffset.sort(Comparator.comparingLong(RamRange::offset));
        for (int i = 1; i < byOffset.size(); i++) {
            if (byOffset.get(i).offset() < byOffset.get(i - 1).offsetEnd()) {
                throw new IllegalArgumentException("RAM ranges share segment bytes: "
                        + byOffset.get(i - 1) + ", " + byOffset.get(i));
            }
        }
    }
}
