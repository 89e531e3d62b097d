package org.jvmm.chipset.impl.rtc;

import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.guestmem.RamRange;

/**
 * The CMOS bytes that describe guest RAM, as PC BIOSes and SeaBIOS read them: base memory (0x15/16),
 * extended memory above 1 MiB in KiB (0x17/18 and 0x30/31, capped at 0xFFFF), 64 KiB blocks above
 * 16 MiB below the hole (0x34/35) and 64 KiB blocks above 4 GiB (0x5B..0x5D).
 */
final class CmosMemorySize {
    static final int BASE_KIB = 640;
    private static final long MIB = 1L << 20;
    private static final long FOUR_GIB = 1L << 32;

    private CmosMemorySize() {
    }

    static void write(byte[] cmos, GuestMemoryLayout layout) {
        long low = lowRamEnd(layout);
        long high = 0;
        for (RamRange r : layout.ranges()) {
            high += r.gpa() >= FOUR_GIB ? r.size() : 0;
        }
        put16(cmos, 0x15, BASE_KIB);
        long extKib = Math.min(Math.max(low - MIB, 0) / 1024, 0xFFFF);
        put16(cmos, 0x17, (int) extKib);
        put16(cmos, 0x30, (int) extKib);
        put16(cmos, 0x34, (int) Math.min(Math.max(low - 16 * MIB, 0) >>> 16, 0xFFFF));
        long above4g = Math.min(high >>> 16, 0xFF_FFFF);
        cmos[0x5B] = (byte) above4g;
        cmos[0x5C] = (byte) (above4g >>> 8);
        cmos[0x5D] = (byte) (above4g >>> 16);
    }

    /** The end of the RAM that starts at address 0 and is contiguous from there, below 4 GiB. */
    private static long lowRamEnd(GuestMemoryLayout layout) {
        long end = 0;
        for (RamRange r : layout.ranges()) {
            if (r.gpa() <= end && r.gpa() < FOUR_GIB) {
                end = Math.max(end, Math.min(r.end(), FOUR_GIB));
            }
        }
        return end;
    }

    private static void put16(byte[] cmos, int index, int value) {
        cmos[index] = (byte) value;
        cmos[index + 1] = (byte) (value >>> 8);
    }
}
