package org.jvmm.chipset.impl.pit;

import java.util.List;
import org.jvmm.inspect.InspectNode;

/**
 * The 8254's three counters, its control port (mode words, counter latch, read-back) and system
 * control port B (0x61): channel 2's gate and speaker enable, OUT2 and the refresh toggle. Channel
 * 0's gate is tied high. Times are VM nanoseconds. Not thread-safe.
 */
final class Pit8254 {
    /** Port 0x61 bit 4 toggles every 15.085 µs (the DRAM refresh request the BIOS and Linux poll). */
    static final long REFRESH_NANOS = 15_085;
    static final int PORTB_GATE2 = 0x01, PORTB_SPEAKER = 0x02, PORTB_REFRESH = 0x10, PORTB_OUT2 = 0x20;

    private final PitChannel[] channels = {new PitChannel(true), new PitChannel(true), new PitChannel(false)};
    private int portB;

    void reset() {
        channels[0].reset(true);
        channels[1].reset(true);
        channels[2].reset(false);
        portB = 0;
    }

    PitChannel channel(int i) {
        return channels[i];
    }

    /** Port B's latched bits (gate 2 and speaker enable). */
    int portBLatch() {
        return portB;
    }

    void restore(int portBLatch, List<PitChannelState> states) {
        portB = portBLatch;
        for (int i = 0; i < channels.length; i++) {
            channels[i].restore(states.get(i));
        }
    }

    int readCounter(int channel, long nanos) {
        return channels[channel].read(PitTime.ticks(nanos));
    }

    void writeCounter(int channel, int value, long nanos) {
        channels[channel].writeCount(value, PitTime.ticks(nanos));
    }

    /** A write to the control port 0x43. */
    void writeControl(int cw, long nanos) {
        long now = PitTime.ticks(nanos);
        int select = (cw >>> 6) & 3;
        if (select < 3) {
            channels[select].control(cw, now);
            return;
        }
        for (int i = 0; i < 3; i++) { // read-back: bits 3..1 select counters, bit 5 = 0 count, bit 4 = 0 status
            if ((cw & (2 << i)) == 0) {
                continue;
            }
            if ((cw & 0x10) == 0) {
                channels[i].latchStatus(now);
            }
            if ((cw & 0x20) == 0) {
                channels[i].latchCount(now);
            }
        }
    }

    int readPortB(long nanos) {
        boolean refresh = (nanos / REFRESH_NANOS & 1) != 0;
        boolean out2 = channels[2].out(PitTime.ticks(nanos));
        return (portB & 0x0F) | (refresh ? PORTB_REFRESH : 0) | (out2 ? PORTB_OUT2 : 0);
    }

    void writePortB(int v, long nanos) {
        portB = v & 0x0F;
        channels[2].setGate((v & PORTB_GATE2) != 0, PitTime.ticks(nanos));
    }

    /** VM time of channel 0's next OUT rising edge after {@code nanos}, or {@link Long#MAX_VALUE}. */
    long nextIrq0(long nanos) {
        return PitTime.nanos(channels[0].nextRisingEdge(PitTime.ticks(nanos)));
    }

    /** Whether channel 0's OUT rose in the ticks (from, to]. */
    boolean irq0EdgeBetween(long fromNanos, long toNanos) {
        long edge = channels[0].nextRisingEdge(PitTime.ticks(fromNanos));
        return edge != PitChannel.NEVER && edge <= PitTime.ticks(toNanos);
    }

    void inspect(InspectNode node, long nanos) {
        long now = PitTime.ticks(nanos);
        for (int i = 0; i < 3; i++) {
            channels[i].inspect(node.child("channel" + i), now);
        }
        node.hex("port_b", readPortB(nanos));
    }
}
