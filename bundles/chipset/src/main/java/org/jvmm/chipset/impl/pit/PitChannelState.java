package org.jvmm.chipset.impl.pit;

import static org.jvmm.chipset.impl.SavedFields.readInt;
import static org.jvmm.chipset.impl.SavedFields.readLong;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One {@link PitChannel}'s saved registers: mode, access, reload and counting element timing (in
 * ticks of the PIT's own time base, which the device continues across a restore), gate, the
 * write/read byte toggles and both latches.
 */
record PitChannelState(int mode, int access, boolean bcd, int reload, boolean loaded, boolean counting,
        long startTick, long frozenElapsed, boolean gate, boolean nullCount, boolean writeMsbNext, int writeLsb,
        boolean readMsbNext, int latchedCount, int latchedBytes, boolean latchMsbNext, int latchedStatus) {

    void write(DataOutputStream out) throws IOException {
        for (int v : new int[] {mode, access, reload, writeLsb, latchedCount, latchedBytes, latchedStatus}) {
            out.writeInt(v);
        }
        out.writeLong(startTick);
        out.writeLong(frozenElapsed);
        for (boolean b : new boolean[] {bcd, loaded, counting, gate, nullCount, writeMsbNext, readMsbNext,
                latchMsbNext}) {
            out.writeBoolean(b);
        }
    }

    static PitChannelState read(DataInputStream in) throws IOException {
        int mode = readInt(in, "mode", 0, 5);
        int access = readInt(in, "access", PitChannel.ACCESS_LSB, PitChannel.ACCESS_WORD);
        int reload = readInt(in, "reload", 0, 0xFFFF);
        int writeLsb = readInt(in, "written LSB", 0, 0xFF);
        int latchedCount = readInt(in, "latched count", 0, 0xFFFF);
        int latchedBytes = readInt(in, "latched bytes", 0, 2);
        int latchedStatus = readInt(in, "latched status", -1, 0xFF);
        long startTick = in.readLong();
        long frozenElapsed = readLong(in, "frozen elapsed ticks", -1, Long.MAX_VALUE);
        boolean bcd = in.readBoolean(), loaded = in.readBoolean(), counting = in.readBoolean(),
                gate = in.readBoolean(), nullCount = in.readBoolean(), writeMsbNext = in.readBoolean(),
                readMsbNext = in.readBoolean(), latchMsbNext = in.readBoolean();
        return new PitChannelState(mode, access, bcd, reload, loaded, counting, startTick, frozenElapsed, gate,
                nullCount, writeMsbNext, writeLsb, readMsbNext, latchedCount, latchedBytes, latchMsbNext,
                latchedStatus);
    }
}
