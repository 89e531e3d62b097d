package org.jvmm.chipset.impl.rtc;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.inspect.InspectNode;

/**
 * The MC146818 RTC and its 128 bytes of CMOS. The clock is UTC, kept as an offset from VM time so
 * it stops when the VM does; a guest that sets it moves the offset. Registers A..D with UIP, SET,
 * BCD/binary and 12/24-hour formats, periodic, alarm and update-ended flags in register C raising
 * the IRQ line while enabled and unread. Times are VM nanoseconds. Not thread-safe.
 */
final class Mc146818 {
    static final int SECONDS = 0x00, SECONDS_ALARM = 0x01, MINUTES = 0x02, MINUTES_ALARM = 0x03, HOURS = 0x04,
            HOURS_ALARM = 0x05, DAY_OF_WEEK = 0x06, DAY_OF_MONTH = 0x07, MONTH = 0x08, YEAR = 0x09,
            REG_A = 0x0A, REG_B = 0x0B, REG_C = 0x0C, REG_D = 0x0D, CENTURY = 0x32;
    static final int A_UIP = 0x80, B_SET = 0x80, B_PIE = 0x40, B_AIE = 0x20, B_UIE = 0x10;
    static final int C_IRQF = 0x80, C_PF = 0x40, C_AF = 0x20, C_UF = 0x10, D_VRT = 0x80;
    static final long SECOND = 1_000_000_000L;
    /** UIP is set for this long before each update. */
    static final long UIP_NANOS = 244_000;

    private final LineInterrupt irq;
    private final byte[] initialCmos = new byte[128];
    private final byte[] cmos = new byte[128];
    private long epochOffsetNanos;
    private int regA;
    private int regB;
    private int flags;
    private LocalDateTime held;
    private long lastFlagNanos;
    private boolean irqLevel;
    private long invalidTimeWrites;

    /** A clock showing {@code startEpochNanos} (UTC) at VM time {@code nowNanos}. */
    Mc146818(LineInterrupt irq, GuestMemoryLayout layout, long startEpochNanos, long nowNanos) {
        this.irq = irq;
        CmosMemorySize.write(initialCmos, layout);
        this.epochOffsetNanos = startEpochNanos - nowNanos;
        reset(nowNanos);
    }

    /** Power-on registers and CMOS image; the time of day keeps running. */
    void reset(long now) {
        System.arraycopy(initialCmos, 0, cmos, 0, cmos.length);
        regA = 0x26;
        regB = RtcEncoding.B_24H;
        flags = 0;
        held = null;
        lastFlagNanos = now;
        updateIrq();
    }

    RtcState.Chip state() {
        return new RtcState.Chip(cmos.clone(), epochOffsetNanos, regA, regB, flags, held, lastFlagNanos);
    }

    /** Takes a saved chip's registers and CMOS and drives the IRQ line from them. */
    void restore(RtcState.Chip c) {
        System.arraycopy(c.cmos(), 0, cmos, 0, cmos.length);
        epochOffsetNanos = c.epochOffsetNanos();
        regA = c.regA();
        regB = c.regB();
        flags = c.flags();
        held = c.held();
        lastFlagNanos = c.lastFlagNanos();
        updateIrq();
    }

    int read(int index, long now) {
        refreshFlags(now);
        int value = switch (index) {
            case SECONDS, MINUTES, HOURS, DAY_OF_WEEK, DAY_OF_MONTH, MONTH, YEAR, CENTURY -> readTime(index, now);
            case REG_A -> regA | (updateInProgress(now) ? A_UIP : 0);
            case REG_B -> regB;
            case REG_C -> readRegC();
            case REG_D -> D_VRT;
            default -> cmos[index & 0x7F] & 0xFF;
        };
        updateIrq();
        return value;
    }

    void write(int index, int value, long now) {
        refreshFlags(now);
        int v = value & 0xFF;
        switch (index) {
            case SECONDS, MINUTES, HOURS, DAY_OF_MONTH, MONTH, YEAR, CENTURY -> writeTime(index, v, now);
            case REG_A -> regA = v & 0x7F;
            case REG_B -> writeRegB(v, now);
            case REG_C, REG_D, DAY_OF_WEEK -> { } // read-only, or derived from the date
            default -> cmos[index & 0x7F] = (byte) v;
        }
        updateIrq();
    }

    /** Sets the flags due by {@code now} and returns when they next need checking. */
    long poll(long now) {
        refreshFlags(now);
        updateIrq();
        long next = Long.MAX_VALUE;
        long period = periodNanos();
        if ((regB & B_PIE) != 0 && period > 0) {
            next = (Math.floorDiv(now, period) + 1) * period;
        }
        if ((regB & (B_UIE | B_AIE)) != 0 && held == null) {
            long rtc = now + epochOffsetNanos;
            next = Math.min(next, (Math.floorDiv(rtc, SECOND) + 1) * SECOND - epochOffsetNanos);
        }
        return next;
    }

    boolean irqLevel() {
        return irqLevel;
    }

    /** The clock's current time (the held copy while SET is on). */
    LocalDateTime time(long now) {
        if (held != null) {
            return held;
        }
        long rtc = now + epochOffsetNanos;
        return LocalDateTime.ofEpochSecond(Math.floorDiv(rtc, SECOND), 0, ZoneOffset.UTC);
    }

    /** The periodic interrupt's period from register A's rate bits, 0 when off. */
    long periodNanos() {
        int rate = regA & 0x0F;
        if (rate == 0) {
            return 0;
        }
        int shift = rate <= 2 ? rate + 6 : rate - 1;
        return (1L << shift) * SECOND / 32768;
    }

    private boolean updateInProgress(long now) {
        return held == null && Math.floorMod(now + epochOffsetNanos, SECOND) >= SECOND - UIP_NANOS;
    }

    private int readTime(int index, long now) {
        LocalDateTime t = time(now);
        return switch (index) {
            case SECONDS -> RtcEncoding.encode(t.getSecond(), regB);
            case MINUTES -> RtcEncoding.encode(t.getMinute(), regB);
            case HOURS -> RtcEncoding.encodeHour(t.getHour(), regB);
            case DAY_OF_WEEK -> RtcEncoding.encode(t.getDayOfWeek().getValue() % 7 + 1, regB);
            case DAY_OF_MONTH -> RtcEncoding.encode(t.getDayOfMonth(), regB);
            case MONTH -> RtcEncoding.encode(t.getMonthValue(), regB);
            case YEAR -> RtcEncoding.encode(t.getYear() % 100, regB);
            default -> RtcEncoding.encode(t.getYear() / 100 % 100, regB);
        };
    }

    private void writeTime(int index, int v, long now) {
        LocalDateTime t = time(now);
        try {
            int d = RtcEncoding.decode(v, regB);
            LocalDateTime changed = switch (index) {
                case SECONDS -> t.withSecond(d);
                case MINUTES -> t.withMinute(d);
                case HOURS -> t.withHour(RtcEncoding.decodeHour(v, regB));
                case DAY_OF_MONTH -> t.withDayOfMonth(d);
                case MONTH -> t.withMonth(d);
                case YEAR -> t.withYear(t.getYear() / 100 * 100 + d);
                default -> t.withYear(d * 100 + t.getYear() % 100);
            };
            setTime(changed, now);
        } catch (DateTimeException e) {
            invalidTimeWrites++; // an impossible field value: the clock keeps its time
        }
    }

    private void setTime(LocalDateTime t, long now) {
        if (held != null) {
            held = t;
            return;
        }
        epochOffsetNanos = t.toEpochSecond(ZoneOffset.UTC) * SECOND - now;
        lastFlagNanos = now;
    }

    private void writeRegB(int v, long now) {
        boolean set = (v & B_SET) != 0;
        if (set && held == null) {
            held = time(now);
        } else if (!set && held != null) {
            LocalDateTime t = held;
            held = null;
            setTime(t, now);
        }
        regB = set ? v & ~B_UIE : v;
    }

    private int readRegC() {
        int value = flags | (irqLevel ? C_IRQF : 0);
        flags = 0;
        return value;
    }

    private void refreshFlags(long now) {
        if (now <= lastFlagNanos) {
            return;
        }
        long period = periodNanos();
        if (period > 0 && Math.floorDiv(now, period) != Math.floorDiv(lastFlagNanos, period)) {
            flags |= C_PF;
        }
        long before = Math.floorDiv(lastFlagNanos + epochOffsetNanos, SECOND);
        long after = Math.floorDiv(now + epochOffsetNanos, SECOND);
        if (held == null && after != before) {
            flags |= C_UF;
            if (alarmMatches(now)) {
                flags |= C_AF;
            }
        }
        lastFlagNanos = now;
    }

    private boolean alarmMatches(long now) {
        return alarmField(SECONDS_ALARM, readTime(SECONDS, now)) && alarmField(MINUTES_ALARM, readTime(MINUTES, now))
                && alarmField(HOURS_ALARM, readTime(HOURS, now));
    }

    private boolean alarmField(int alarmIndex, int current) {
        int alarm = cmos[alarmIndex] & 0xFF;
        return (alarm & 0xC0) == 0xC0 || alarm == current;
    }

    private void updateIrq() {
        boolean level = (flags & regB & (C_PF | C_AF | C_UF)) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.setLevel(level);
        }
    }

    void inspect(InspectNode node, long now) {
        node.field("time", time(now) + "Z").hex("reg_a", regA).hex("reg_b", regB)
                .hex("flags", flags).field("irq", irqLevel).field("set_held", held != null)
                .field("invalid_time_writes", invalidTimeWrites);
        InspectNode ram = node.child("cmos");
        for (int i = 0x0E; i < 0x80; i += 16) {
            StringBuilder row = new StringBuilder();
            for (int j = i; j < Math.min(i + 16, 0x80); j++) {
                row.append(String.format("%02x ", cmos[j] & 0xFF));
            }
            ram.field(String.format("%02x", i), row.toString().trim());
        }
    }
}
