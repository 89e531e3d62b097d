package org.jvmm.chipset.impl.rtc;

import static org.jvmm.chipset.impl.SavedFields.readBytes;
import static org.jvmm.chipset.impl.SavedFields.readInt;
import static org.jvmm.chipset.impl.SavedFields.readLong;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The RTC's saved state: the device's own time when saved ({@code nanos}; a restored device
 * continues its time base from there, so the guest's clock, the periodic phase and the pending
 * update flags carry on where they stopped), the index port and the chip.
 */
record RtcState(long nanos, int index, boolean nmiDisabled, Chip chip) {
    static final int CMOS_BYTES = 128;

    /**
     * The MC146818: all CMOS bytes, the guest time as an offset from the device's time, registers A
     * and B, the register C flags, the time held while SET is on ({@code null} when off) and the
     * time the flags were last brought up to date.
     */
    record Chip(byte[] cmos, long epochOffsetNanos, int regA, int regB, int flags, LocalDateTime held,
            long lastFlagNanos) {
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(nanos);
        out.writeInt(index);
        out.writeBoolean(nmiDisabled);
        out.writeInt(chip.cmos().length);
        out.write(chip.cmos());
        out.writeLong(chip.epochOffsetNanos());
        out.writeInt(chip.regA());
        out.writeInt(chip.regB());
        out.writeInt(chip.flags());
        out.writeBoolean(chip.held() != null);
        out.writeLong(chip.held() == null ? 0 : chip.held().toEpochSecond(ZoneOffset.UTC));
        out.writeLong(chip.lastFlagNanos());
    }

    static RtcState read(DataInputStream in) throws IOException {
        long nanos = readLong(in, "RTC time", 0, Long.MAX_VALUE);
        int index = readInt(in, "index", 0, 0x7F);
        boolean nmiDisabled = in.readBoolean();
        byte[] cmos = readBytes(in, "CMOS", CMOS_BYTES);
        long epochOffset = in.readLong();
        int regA = readInt(in, "register A", 0, 0x7F);
        int regB = readInt(in, "register B", 0, 0xFF);
        int flags = readInt(in, "register C flags", 0, 0x70);
        if ((flags & ~(Mc146818.C_PF | Mc146818.C_AF | Mc146818.C_UF)) != 0) {
            throw new IOException("register C flags 0x" + Integer.toHexString(flags)
                    + " hold bits other than PF, AF and UF");
        }
        boolean holding = in.readBoolean();
        long heldSecond = in.readLong();
        long lastFlag = in.readLong();
        return new RtcState(nanos, index, nmiDisabled,
                new Chip(cmos, epochOffset, regA, regB, flags, holding ? held(heldSecond) : null, lastFlag));
    }

    private static LocalDateTime held(long epochSecond) throws IOException {
        try {
            return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IOException("held time " + epochSecond + " is not a date", e);
        }
    }
}
