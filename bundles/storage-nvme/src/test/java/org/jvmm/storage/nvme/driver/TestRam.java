package org.jvmm.storage.nvme.driver;

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
     * RAM {@code [0, low)} and {@code [holeEnd, holeEnd + high)}, stored in the RAM segment with a
     * gap of {@code canary} bytes between them: segment bytes no guest address reaches, so a test
     * can check the device never wrote outside guest RAM.
     */
    public static GuestMemory withCanary(long low, long holeEnd, long high, long canary) {
        return create(new GuestMemoryLayout(List.of(new RamRange(0, low, 0),
                new RamRange(holeEnd, high, low + canary)), low, holeEnd));
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
        private final long end;

        public Allocator(long start, long end) {
            this.next = start;
            this.end = end;
        }

        public long alloc(long len, long align) {
            long at = (next + align - 1) & -align;
            if (at + len > end) {
                throw new IllegalStateException("test allocator exhausted");
            }
            next = at + len;
            return at;
        }

        public long page(long len) {
            return alloc(len, NvmeDriver.PAGE);
        }
    }
}
