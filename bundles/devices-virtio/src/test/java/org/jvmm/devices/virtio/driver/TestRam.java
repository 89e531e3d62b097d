package org.jvmm.devices.virtio.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.guestmem.RamRange;

/** Guest memory for tests, and a bump allocator over it. */
public final class TestRam {
    private TestRam() {
    }

    /** {@code bytes} of RAM at 0. */
    public static GuestMemory flat(long bytes) {
        return create(GuestMemoryLayout.flat(bytes));
    }

    /**
     * RAM {@code [0, low)} and {@code [holeEnd, holeEnd + high)} with an MMIO hole between: accesses in
     * the hole or past the end are outside guest RAM.
     */
    public static GuestMemory withHole(long low, long holeEnd, long high) {
        return create(new GuestMemoryLayout(List.of(new RamRange(0, low, 0), new RamRange(holeEnd, high, low)),
                low, holeEnd));
    }

    /**
     * Two RAM ranges adjacent in guest-physical addresses, {@code [0, half)} and {@code [half, 2 * half)},
     * but stored the other way round in the RAM segment: a buffer crossing {@code half} is contiguous
     * for the guest and not for the host.
     */
    public static GuestMemory adjacentSwapped(long half) {
        return create(new GuestMemoryLayout(List.of(new RamRange(0, half, half), new RamRange(half, half, 0)),
                2 * half, 2 * half));
    }

    private static GuestMemory create(GuestMemoryLayout layout) {
        try {
            return GuestMemory.create(layout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands out aligned guest addresses upwards from {@code start}. */
    public static final class Allocator {
        private long next;

        public Allocator(long start) {
            this.next = start;
        }

        public long alloc(long len, long align) {
            long at = (next + align - 1) & -align;
            next = at + len;
            return at;
        }
    }
}
