package org.jvmm.chipset.impl.pit;

import org.jvmm.inspect.InspectNode;

/**
 * One 8254 counter, computed from time rather than stepped: the count and OUT follow from the
 * ticks elapsed since the count was loaded (or the gate triggered it). Modes 0..5, the access modes
 * (LSB, MSB, LSB then MSB), count and status latches. BCD counting is recorded but counts in
 * binary. All times are in input-clock ticks since VM start. Not thread-safe.
 */
final class PitChannel {
    static final long NEVER = Long.MAX_VALUE;
    static final int ACCESS_LSB = 1, ACCESS_MSB = 2, ACCESS_WORD = 3;

    private int mode;
    private int access = ACCESS_WORD;
    private boolean bcd;
    private int reload;
    private boolean loaded;
    private boolean counting;
    private long startTick;
    private long frozenElapsed = -1;
    private boolean gate;
    private boolean nullCount = true;
    private boolean writeMsbNext;
    private int writeLsb;
    private boolean readMsbNext;
    private int latchedCount;
    private int latchedBytes;
    private boolean latchMsbNext;
    private int latchedStatus = -1;

    PitChannel(boolean gate) {
        reset(gate);
    }

    void reset(boolean gateLevel) {
        mode = 0;
        access = ACCESS_WORD;
        bcd = false;
        reload = 0;
        loaded = false;
        counting = false;
        startTick = 0;
        frozenElapsed = -1;
        gate = gateLevel;
        nullCount = true;
        writeMsbNext = false;
        readMsbNext = false;
        latchedBytes = 0;
        latchedStatus = -1;
    }

    PitChannelState state() {
        return new PitChannelState(mode, access, bcd, reload, loaded, counting, startTick, frozenElapsed, gate,
                nullCount, writeMsbNext, writeLsb, readMsbNext, latchedCount, latchedBytes, latchMsbNext,
                latchedStatus);
    }

    void restore(PitChannelState s) {
        mode = s.mode();
        access = s.access();
        bcd = s.bcd();
        reload = s.reload();
        loaded = s.loaded();
        counting = s.counting();
        startTick = s.startTick();
        frozenElapsed = s.frozenElapsed();
        gate = s.gate();
        nullCount = s.nullCount();
        writeMsbNext = s.writeMsbNext();
        writeLsb = s.writeLsb();
        readMsbNext = s.readMsbNext();
        latchedCount = s.latchedCount();
        latchedBytes = s.latchedBytes();
        latchMsbNext = s.latchMsbNext();
        latchedStatus = s.latchedStatus();
    }

    /** A control word for this channel (bits 5..0: access mode, mode, BCD); access 0 latches the count. */
    void control(int cw, long now) {
        int rw = (cw >>> 4) & 3;
        if (rw == 0) {
            latchCount(now);
            return;
        }
        access = rw;
        int m = (cw >>> 1) & 7;
        mode = m > 5 ? m - 4 : m;
        bcd = (cw & 1) != 0;
        loaded = false;
        counting = false;
        frozenElapsed = -1;
        nullCount = true;
        writeMsbNext = false;
        readMsbNext = false;
        latchedBytes = 0;
    }

    void writeCount(int v, long now) {
        switch (access) {
            case ACCESS_LSB -> load(v & 0xFF, now);
            case ACCESS_MSB -> load((v & 0xFF) << 8, now);
            default -> {
                if (!writeMsbNext) {
                    writeLsb = v & 0xFF;
                    writeMsbNext = true;
                    if (mode == 0) {
                        counting = false; // mode 0: the first byte stops the count, OUT goes low
                        loaded = false;
                    }
                } else {
                    writeMsbNext = false;
                    load(writeLsb | (v & 0xFF) << 8, now);
                }
            }
        }
    }

    private void load(int count, long now) {
        reload = count;
        loaded = true;
        nullCount = false;
        frozenElapsed = -1;
        startTick = now;
        // modes 1 and 5 wait for a gate rising edge; the others count while the gate is high
        counting = mode != 1 && mode != 5 && gate;
        if (!counting && (mode == 0 || mode == 4)) {
            frozenElapsed = 0;
        }
    }

    void setGate(boolean high, long now) {
        if (high == gate) {
            return;
        }
        gate = high;
        if (!loaded) {
            return;
        }
        switch (mode) {
            case 0, 4 -> {
                if (high && frozenElapsed >= 0) {
                    startTick = now - frozenElapsed;
                    frozenElapsed = -1;
                    counting = true;
                } else if (!high && counting) {
                    frozenElapsed = now - startTick;
                    counting = false;
                }
            }
            default -> {
                if (high) {
                    startTick = now; // modes 1 and 5 trigger, modes 2 and 3 restart
                    counting = true;
                } else if (mode == 2 || mode == 3) {
                    counting = false; // OUT is held high while the gate is low
                }
            }
        }
    }

    boolean gate() {
        return gate;
    }

    private long divisor() {
        return reload == 0 ? 0x10000 : reload;
    }

    private long elapsed(long now) {
        return frozenElapsed >= 0 ? frozenElapsed : now - startTick;
    }

    /** The counting element's value now. */
    int count(long now) {
        if (!loaded || (!counting && frozenElapsed < 0)) {
            return reload;
        }
        long n = divisor();
        long d = elapsed(now);
        return (int) switch (mode) {
            case 2 -> (n - d % n) & 0xFFFF;
            case 3 -> (n - (2 * d) % n) & 0xFFFE;
            default -> (n - d) & 0xFFFF;
        };
    }

    /** The OUT pin now. */
    boolean out(long now) {
        if (!loaded) {
            return mode != 0;
        }
        if (!counting && frozenElapsed < 0) {
            return true;
        }
        long n = divisor();
        long d = elapsed(now);
        return switch (mode) {
            case 0, 1 -> d >= n;
            case 2 -> d % n != n - 1;
            case 3 -> d % n < (n + 1) / 2;
            default -> d != n;
        };
    }

    /** The first tick after {@code now} at which OUT rises, or {@link #NEVER}. */
    long nextRisingEdge(long now) {
        if (!loaded || !counting) {
            return NEVER;
        }
        long n = divisor();
        long d = now - startTick;
        long edge = switch (mode) {
            case 0, 1 -> d < n ? n : NEVER;
            case 2, 3 -> (d / n + 1) * n;
            default -> d < n + 1 ? n + 1 : NEVER;
        };
        return edge == NEVER ? NEVER : startTick + edge;
    }

    void latchCount(long now) {
        if (latchedBytes == 0) {
            latchedCount = count(now);
            latchedBytes = access == ACCESS_WORD ? 2 : 1;
            latchMsbNext = access == ACCESS_MSB;
        }
    }

    void latchStatus(long now) {
        if (latchedStatus < 0) {
            latchedStatus = (out(now) ? 0x80 : 0) | (nullCount ? 0x40 : 0) | access << 4 | mode << 1 | (bcd ? 1 : 0);
        }
    }

    /** A read of the channel's port: a latched status, then a latched count, else the live count. */
    int read(long now) {
        if (latchedStatus >= 0) {
            int s = latchedStatus;
            latchedStatus = -1;
            return s;
        }
        if (latchedBytes > 0) {
            int b = latchMsbNext ? latchedCount >>> 8 : latchedCount & 0xFF;
            latchMsbNext = !latchMsbNext;
            latchedBytes--;
            return b & 0xFF;
        }
        int c = count(now);
        return switch (access) {
            case ACCESS_LSB -> c & 0xFF;
            case ACCESS_MSB -> (c >>> 8) & 0xFF;
            default -> {
                int b = readMsbNext ? c >>> 8 : c & 0xFF;
                readMsbNext = !readMsbNext;
                yield b & 0xFF;
            }
        };
    }

    void inspect(InspectNode node, long now) {
        node.field("mode", mode).field("access", switch (access) {
            case ACCESS_LSB -> "lsb";
            case ACCESS_MSB -> "msb";
            default -> "lsb-msb";
        }).field("bcd", bcd).hex("reload", reload).hex("count", count(now)).field("out", out(now))
                .field("gate", gate).field("counting", counting).field("null_count", nullCount);
    }
}
