package org.jvmm.hv.emu.impl.apic;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The local APIC timer: one-shot, periodic and TSC-deadline modes over a clock in nanoseconds (one
 * APIC bus tick per nanosecond before the divider). Counts are computed from the clock when read,
 * never decremented. Not thread-safe: {@link LocalApic} guards it (only {@link #nextExpiry} may be
 * read without its lock).
 */
final class ApicTimer {
    static final int ONE_SHOT = 0, PERIODIC = 1, TSC_DEADLINE = 2;
    static final String[] MODE_NAMES = {"one-shot", "periodic", "tsc-deadline", "one-shot"};
    /** Periodic interrupts come no faster than this, whatever the programmed period. */
    static final long MIN_PERIOD_NS = 100_000;
    static final long NONE = Long.MAX_VALUE;

    private int lvt = ApicRegs.MASKED;
    private long initial;
    private int divide;
    private long start;
    /** Volatile so the VP loop can compare it with the clock without the APIC's lock. */
    private volatile long nextExpiry = NONE;
    private long deadlineTsc;

    void reset() {
        lvt = ApicRegs.MASKED;
        initial = 0;
        divide = 0;
        start = 0;
        nextExpiry = NONE;
        deadlineTsc = 0;
    }

    /**
     * The whole timer for a snapshot: LVT, initial count, divide configuration, start, next expiry
     * and TSC deadline. Times are clock nanoseconds, so a timer restored on the same guest timeline
     * (the partition restores its clock first) continues at the same count and expires at the same time.
     */
    void write(DataOutput out) throws IOException {
        out.writeInt(lvt);
        out.writeLong(initial);
        out.writeInt(divide);
        out.writeLong(start);
        out.writeLong(nextExpiry);
        out.writeLong(deadlineTsc);
    }

    /** Reads what {@link #write} wrote; a value this timer cannot hold is an {@link IOException}. */
    void read(DataInput in) throws IOException {
        int l = in.readInt();
        long init = in.readLong();
        int div = in.readInt();
        long s = in.readLong();
        long next = in.readLong();
        long deadline = in.readLong();
        if ((init & ~0xFFFF_FFFFL) != 0 || (div & ~0xB) != 0) {
            throw new IOException("APIC timer initial count 0x%x or divide configuration 0x%x is out of range"
                    .formatted(init, div));
        }
        lvt = l;
        initial = init;
        divide = div;
        start = s;
        nextExpiry = next;
        deadlineTsc = deadline;
    }

    int lvt() {
        return lvt;
    }

    int mode() {
        int m = (lvt >>> 17) & 3;
        return m == 3 ? ONE_SHOT : m;
    }

    long initialCount() {
        return initial;
    }

    int divideConfig() {
        return divide;
    }

    /** The divider: 2, 4, ... 128 or 1, from bits 3, 1 and 0 of the divide configuration. */
    int divisor() {
        int code = (divide & 8) >>> 1 | divide & 3;
        return 1 << ((code + 1) & 7);
    }

    long nextExpiry() {
        return nextExpiry;
    }

    void writeLvt(int value, long now) {
        boolean wasDeadline = mode() == TSC_DEADLINE;
        lvt = value;
        if (wasDeadline != (mode() == TSC_DEADLINE)) {
            initial = 0;
            deadlineTsc = 0;
            nextExpiry = NONE;
        } else if (mode() != TSC_DEADLINE && initial != 0) {
            nextExpiry = followingExpiry(now);
        }
    }

    void writeInitial(long count, long now) {
        if (mode() == TSC_DEADLINE) {
            return;
        }
        initial = count & 0xFFFF_FFFFL;
        start = now;
        nextExpiry = initial == 0 ? NONE : start + initial * divisor();
    }

    /** A new divider continues the count from its current value at the new rate. */
    void writeDivide(int value, long now) {
        long remaining = currentCount(now);
        divide = value & 0xB;
        if (mode() == TSC_DEADLINE || initial == 0) {
            return;
        }
        start = now - (initial - remaining) * divisor();
        nextExpiry = remaining == 0 && mode() == ONE_SHOT ? NONE : now + remaining * divisor();
    }

    long currentCount(long now) {
        if (mode() == TSC_DEADLINE || initial == 0) {
            return 0;
        }
        long ticks = Math.max(0, now - start) / divisor();
        if (mode() == PERIODIC) {
            return initial - ticks % initial;
        }
        return Math.max(0, initial - ticks);
    }

    /** The armed deadline (guest TSC), 0 when disarmed or not in TSC-deadline mode. */
    long deadlineTsc() {
        return mode() == TSC_DEADLINE ? deadlineTsc : 0;
    }

    /** Arms (or with 0 disarms) the TSC deadline; {@code expiry} is its time in nanoseconds. */
    void writeDeadline(long tsc, long expiry) {
        if (mode() != TSC_DEADLINE) {
            return;
        }
        deadlineTsc = tsc;
        nextExpiry = tsc == 0 ? NONE : expiry;
    }

    /** True when the timer expired at {@code now}; re-arms a periodic timer, disarms the others. */
    boolean expire(long now) {
        if (now < nextExpiry) {
            return false;
        }
        if (mode() == PERIODIC) {
            nextExpiry = Math.max(followingExpiry(now), now + MIN_PERIOD_NS);
        } else {
            deadlineTsc = 0;
            nextExpiry = NONE;
        }
        return true;
    }

    /**
     * The first expiry after {@code now} for the current count (one-shot: the single one, if still
     * ahead). The caller has already taken any expiry due at {@code now}.
     */
    private long followingExpiry(long now) {
        long period = initial * divisor();
        if (mode() == ONE_SHOT) {
            long end = start + period;
            return end > now ? end : NONE;
        }
        long elapsed = Math.max(0, now - start);
        return start + (elapsed / period + 1) * period;
    }
}
