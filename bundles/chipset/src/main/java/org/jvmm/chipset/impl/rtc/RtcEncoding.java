package org.jvmm.chipset.impl.rtc;

/** Time register encodings chosen by register B: BCD or binary (DM, bit 2), 12 or 24 hours (bit 1). */
final class RtcEncoding {
    static final int B_24H = 0x02, B_BINARY = 0x04;
    private static final int PM = 0x80;

    private RtcEncoding() {
    }

    static int encode(int value, int regB) {
        return (regB & B_BINARY) != 0 ? value : (value / 10) << 4 | value % 10;
    }

    static int decode(int reg, int regB) {
        return (regB & B_BINARY) != 0 ? reg : (reg >>> 4) * 10 + (reg & 0x0F);
    }

    /** Hours 0..23 as the register shows them (1..12 with bit 7 for PM in 12-hour mode). */
    static int encodeHour(int hour, int regB) {
        if ((regB & B_24H) != 0) {
            return encode(hour, regB);
        }
        int h12 = hour % 12 == 0 ? 12 : hour % 12;
        return encode(h12, regB) | (hour >= 12 ? PM : 0);
    }

    static int decodeHour(int reg, int regB) {
        if ((regB & B_24H) != 0) {
            return decode(reg, regB);
        }
        int h12 = decode(reg & 0x7F, regB) % 12;
        return (reg & PM) != 0 ? h12 + 12 : h12;
    }
}
