package org.jvmm.storage.nvme.fuzz;

import java.util.SplittableRandom;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.storage.nvme.driver.TestRam;

/**
 * Guest memory for the fuzzer: RAM at [0, 4 MiB) and [8 MiB, 12 MiB) with the MMIO hole between,
 * stored with a 2 MiB canary gap in the RAM segment that no guest address reaches. The driver's
 * rings live in [1 MiB, 2 MiB); everything else is data area the fuzzer may point commands at.
 */
final class FuzzLayout {
    static final long LOW = 4 << 20;
    static final long HOLE = LOW;
    static final long HIGH_START = 8 << 20;
    static final long END = 12 << 20;
    static final long CANARY = 2 << 20;
    static final long RINGS = 1 << 20;
    static final long DATA_LOW = 2 << 20;
    static final byte CANARY_BYTE = (byte) 0xA5;

    static GuestMemory memory() {
        GuestMemory m = TestRam.withCanary(LOW, HIGH_START, END - HIGH_START, CANARY);
        canary(m).fill(CANARY_BYTE);
        return m;
    }

    static java.lang.foreign.MemorySegment canary(GuestMemory m) {
        return m.segment().asSlice(LOW, CANARY);
    }

    /** A page-aligned address in a data area. */
    long dataPage(SplittableRandom rnd) {
        long pages = (LOW - DATA_LOW + END - HIGH_START) / 4096;
        long p = rnd.nextLong(pages) * 4096;
        return p < LOW - DATA_LOW ? DATA_LOW + p : HIGH_START + p - (LOW - DATA_LOW);
    }
}
