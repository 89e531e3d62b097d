package org.jvmm.chipset.impl.pit;

import static org.jvmm.chipset.impl.SavedFields.readInt;
import static org.jvmm.chipset.impl.SavedFields.readLong;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The PIT's saved state: its own time when saved ({@code nanos}; a restored device continues its
 * time base from there, so counts, OUT edges and the refresh toggle carry on where they stopped),
 * the time of its last IRQ 0 poll, port B's latch and the three channels.
 */
record PitState(long nanos, long lastPollNanos, int portB, List<PitChannelState> channels) {
    static final int CHANNELS = 3;

    void write(DataOutputStream out) throws IOException {
        out.writeLong(nanos);
        out.writeLong(lastPollNanos);
        out.writeInt(portB);
        for (PitChannelState c : channels) {
            c.write(out);
        }
    }

    static PitState read(DataInputStream in) throws IOException {
        long nanos = readLong(in, "PIT time", 0, Long.MAX_VALUE);
        long lastPoll = in.readLong();
        int portB = readInt(in, "port B", 0, 0x0F);
        List<PitChannelState> channels = new ArrayList<>();
        for (int i = 0; i < CHANNELS; i++) {
            channels.add(PitChannelState.read(in));
        }
        return new PitState(nanos, lastPoll, portB, List.copyOf(channels));
    }
}
