package org.jvmm.chipset.impl.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.PortBus;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.junit.jupiter.api.Test;

class RtcDeviceTest {
    static final long SECOND = 1_000_000_000L;
    /** A Tuesday. */
    static final Instant START = Instant.parse("2024-03-05T13:45:30Z");

    FakeChipset chipset = new FakeChipset();
    RtcDevice rtc;
    PortBus bus;

    RtcDevice create(GuestMemoryLayout layout) {
        rtc = new RtcDevice(chipset.line(8), chipset.clock, layout, START.getEpochSecond() * SECOND);
        rtc.setWaker(chipset.waker(rtc));
        bus = new PortBus(rtc);
        return rtc;
    }

    int cmos(int index) {
        bus.out8(0x70, index);
        return bus.in8(0x71);
    }

    void cmos(int index, int value) {
        bus.out8(0x70, index);
        bus.out8(0x71, value);
    }

    @Test
    void bcd24HourByDefault() {
        create(GuestMemoryLayout.pc(64L << 20));
        assertEquals(0x30, cmos(0x00));
        assertEquals(0x45, cmos(0x02));
        assertEquals(0x13, cmos(0x04));
        assertEquals(0x03, cmos(0x06), "Tuesday with Sunday = 1");
        assertEquals(0x05, cmos(0x07));
        assertEquals(0x03, cmos(0x08));
        assertEquals(0x24, cmos(0x09));
        assertEquals(0x20, cmos(0x32), "century");
        assertEquals(0x26, cmos(0x0A) & 0x7F);
        assertEquals(0x02, cmos(0x0B));
        assertEquals(0x80, cmos(0x0D), "valid RAM and time");
    }

    @Test
    void binaryAnd12HourFormats() {
        create(GuestMemoryLayout.pc(64L << 20));
        cmos(0x0B, 0x06);
        assertEquals(30, cmos(0x00));
        assertEquals(13, cmos(0x04));
        assertEquals(24, cmos(0x09));
        assertEquals(20, cmos(0x32));
        cmos(0x0B, 0x00);
        assertEquals(0x81, cmos(0x04), "1 PM in BCD 12-hour form");
        cmos(0x0B, 0x04);
        assertEquals(0x81, cmos(0x04), "1 PM in binary 12-hour form");
    }

    @Test
    void timeRunsWithTheVmClock() {
        create(GuestMemoryLayout.pc(64L << 20));
        chipset.clock.advance(90 * SECOND);
        assertEquals(0x00, cmos(0x00));
        assertEquals(0x47, cmos(0x02));
    }

    @Test
    void setBitHoldsTheClockWhileTheGuestWritesIt() {
        create(GuestMemoryLayout.pc(64L << 20));
        cmos(0x0B, 0x82);
        cmos(0x04, 0x08);
        cmos(0x02, 0x00);
        cmos(0x00, 0x00);
        cmos(0x09, 0x99);
        cmos(0x32, 0x19);
        chipset.clock.advance(5 * SECOND);
        assertEquals(0x00, cmos(0x00), "held");
        cmos(0x0B, 0x02);
        chipset.clock.advance(SECOND);
        assertEquals(0x01, cmos(0x00));
        assertEquals(0x08, cmos(0x04));
        assertEquals(0x99, cmos(0x09));
        assertEquals(0x19, cmos(0x32));
    }

    @Test
    void updateInProgressJustBeforeEachSecond() {
        create(GuestMemoryLayout.pc(64L << 20));
        assertEquals(0, cmos(0x0A) & 0x80);
        chipset.clock.advance(SECOND - 100_000);
        assertEquals(0x80, cmos(0x0A) & 0x80);
        chipset.clock.advance(200_000);
        assertEquals(0, cmos(0x0A) & 0x80);
    }

    @Test
    void memorySizeBytesBelowSixteenMegabytes() {
        create(GuestMemoryLayout.pc(8L << 20));
        assertEquals(640, cmos(0x15) | cmos(0x16) << 8);
        assertEquals(7 * 1024, cmos(0x17) | cmos(0x18) << 8);
        assertEquals(7 * 1024, cmos(0x30) | cmos(0x31) << 8);
        assertEquals(0, cmos(0x34) | cmos(0x35) << 8);
    }

    @Test
    void memorySizeBytesWithRamAboveFourGigabytes() {
        create(GuestMemoryLayout.pc(6L << 30));
        assertEquals(0xFFFF, cmos(0x17) | cmos(0x18) << 8, "capped");
        assertEquals(0xFFFF, cmos(0x30) | cmos(0x31) << 8);
        assertEquals((3072 - 16) * 16, cmos(0x34) | cmos(0x35) << 8, "64 KiB blocks from 16 MiB to 3 GiB");
        assertEquals(3 * 16384, cmos(0x5B) | cmos(0x5C) << 8 | cmos(0x5D) << 16, "64 KiB blocks above 4 GiB");
    }

    @Test
    void periodicInterruptUntilRegisterCIsRead() {
        chipset.clock.set(0);
        create(GuestMemoryLayout.pc(64L << 20));
        cmos(0x0C);
        cmos(0x0B, 0x42);
        assertTrue(chipset.wakes(rtc) > 0, "enabling an interrupt wakes the poller");
        long period = SECOND / 1024;
        long next = rtc.poll(chipset.clock.nanos());
        assertEquals(period, next, "rate 6: 1024 Hz");
        chipset.clock.set(next);
        rtc.poll(next);
        assertTrue(chipset.line(8).level);
        assertEquals(0xC0, cmos(0x0C) & 0xF0, "IRQF and PF");
        assertFalse(chipset.line(8).level, "reading C lowers the line");
        assertEquals(0x00, cmos(0x0C));
    }

    @Test
    void updateAndAlarmInterrupts() {
        create(GuestMemoryLayout.pc(64L << 20));
        cmos(0x01, 0x35);
        cmos(0x03, 0xC0);
        cmos(0x05, 0xFF);
        cmos(0x0B, 0x32); // AIE and UIE
        chipset.clock.advance(SECOND);
        rtc.poll(chipset.clock.nanos());
        assertTrue(chipset.line(8).level);
        assertEquals(0x90, cmos(0x0C) & 0xB0, "update ended, no alarm at :31 (PF runs whether enabled or not)");
        chipset.clock.advance(4 * SECOND);
        rtc.poll(chipset.clock.nanos());
        assertEquals(0xB0, cmos(0x0C) & 0xB0, "alarm at :35");
    }

    @Test
    void cmosRamNmiMaskAndReset() {
        create(GuestMemoryLayout.pc(64L << 20));
        cmos(0x40, 0x5A);
        assertEquals(0x5A, cmos(0x40));
        bus.out8(0x70, 0x80 | 0x40);
        assertTrue(rtc.nmiDisabled());
        assertEquals(0x5A, bus.in8(0x71));
        cmos(0x0B, 0x06);
        rtc.reset();
        assertFalse(rtc.nmiDisabled());
        assertEquals(0x02, cmos(0x0B));
        assertEquals(0x00, cmos(0x40), "power-on CMOS image");
        assertEquals(0x80, cmos(0x15), "memory bytes are part of it");
        IoValue v = new IoValue();
        assertEquals(IoResult.INVALID_ACCESS_SIZE, rtc.ioRead(0x71, 2, v));
        assertEquals(IoResult.INVALID_REGISTER, rtc.ioWrite(0x72, 1, 0));
    }
}
