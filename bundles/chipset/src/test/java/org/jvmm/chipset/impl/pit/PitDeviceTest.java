package org.jvmm.chipset.impl.pit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.PortBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PitDeviceTest {
    static final int CH0 = 0x40, CH2 = 0x42, CONTROL = 0x43, PORT_B = 0x61;
    /** Linux's LATCH for HZ=1000: (1193182 + 500) / 1000. */
    static final int LATCH = 1193;

    FakeChipset chipset;
    PitDevice pit;
    PortBus bus;

    @BeforeEach
    void setUp() {
        chipset = new FakeChipset();
        chipset.clock.set(0);
        pit = new PitDevice(chipset);
        bus = new PortBus(pit);
    }

    long nanosOfTicks(long ticks) {
        return PitTime.nanos(ticks);
    }

    void program(int channelSelect, int mode, int count) {
        bus.out8(CONTROL, channelSelect << 6 | 0x30 | mode << 1);
        bus.out8(CH0 + channelSelect, count & 0xFF);
        bus.out8(CH0 + channelSelect, count >>> 8);
    }

    int readCount(int channel) {
        int lo = bus.in8(CH0 + channel);
        return lo | bus.in8(CH0 + channel) << 8;
    }

    @Test
    void mode2PulsesIrq0OncePerPeriod() {
        program(0, 2, LATCH);
        assertTrue(chipset.wakes(pit) > 0, "programming channel 0 wakes the poller");
        long first = pit.poll(chipset.clock.nanos());
        assertEquals(nanosOfTicks(LATCH), first, "the first edge one period after loading");
        int pulses = 0;
        long next = first;
        for (int i = 0; i < 10; i++) {
            chipset.clock.set(next);
            long following = pit.poll(next);
            assertEquals(nanosOfTicks((long) LATCH * (i + 2)), following, "period " + i);
            next = following;
            pulses++;
        }
        assertEquals(pulses, chipset.line(0).rises);
        assertFalse(chipset.line(0).level, "pulses leave the line low");
    }

    @Test
    void mode3IsASquareWaveWithTheSamePeriod() {
        program(0, 3, 1000);
        pit.poll(0);
        bus.out8(CONTROL, 0xE2); // read-back status of channel 0
        assertEquals(0x80 | 0x30 | 3 << 1, bus.in8(CH0), "OUT high, lsb-msb, mode 3");
        chipset.clock.set(nanosOfTicks(600));
        bus.out8(CONTROL, 0xE2);
        assertEquals(0x00, bus.in8(CH0) & 0x80, "OUT low in the second half");
        assertEquals(nanosOfTicks(1000), pit.poll(chipset.clock.nanos()));
        chipset.clock.set(nanosOfTicks(1000));
        assertEquals(nanosOfTicks(2000), pit.poll(chipset.clock.nanos()));
        assertEquals(1, chipset.line(0).rises);
    }

    @Test
    void latchHoldsTheCountWhileTimePasses() {
        program(0, 2, 0x4000);
        chipset.clock.set(nanosOfTicks(0x100));
        bus.out8(CONTROL, 0x00); // counter latch, channel 0
        chipset.clock.set(nanosOfTicks(0x200));
        assertEquals(0x4000 - 0x100, readCount(0), "latched value");
        assertEquals(0x4000 - 0x200, readCount(0), "live value after the latch was read");
    }

    @Test
    void accessModesLsbOnlyAndMsbOnly() {
        bus.out8(CONTROL, 0x10 | 2 << 1); // channel 0, LSB only, mode 2
        bus.out8(CH0, 0x80);
        assertEquals(0x80, bus.in8(CH0));
        bus.out8(CONTROL, 0x20 | 2 << 1); // MSB only
        bus.out8(CH0, 0x12);
        assertEquals(0x12, bus.in8(CH0));
        assertEquals(nanosOfTicks(0x1200), pit.poll(chipset.clock.nanos()));
    }

    @Test
    void mode0CountsDownOnceAndRaisesOut() {
        program(0, 0, 100);
        bus.out8(CONTROL, 0xE2);
        assertEquals(0x00, bus.in8(CH0) & 0xC0, "OUT low, count loaded");
        assertEquals(nanosOfTicks(100), pit.poll(0));
        chipset.clock.set(nanosOfTicks(100));
        assertEquals(Long.MAX_VALUE, pit.poll(chipset.clock.nanos()), "one shot");
        assertEquals(1, chipset.line(0).rises);
        bus.out8(CONTROL, 0xE2);
        assertEquals(0x80, bus.in8(CH0) & 0x80);
    }

    @Test
    void channel2IsGatedAndReadThroughPort61LikeLinuxCalibration() {
        // pit_calibrate_tsc: gate high, speaker off; channel 2 mode 0 with a count; poll OUT2 in bit 5
        bus.out8(PORT_B, (bus.in8(PORT_B) & ~0x02) | 0x01);
        bus.out8(CONTROL, 0xB0);
        bus.out8(CH2, 0xFF);
        bus.out8(CH2, 0x00);
        assertEquals(0, bus.in8(PORT_B) & 0x20);
        chipset.clock.set(nanosOfTicks(0xFF));
        assertEquals(0x20, bus.in8(PORT_B) & 0x20, "OUT2 high at terminal count");
        assertEquals(0x01, bus.in8(PORT_B) & 0x03, "gate on, speaker off");
    }

    @Test
    void gateLowHoldsMode0AndRisingEdgeTriggersMode1() {
        bus.out8(CONTROL, 0xB0); // channel 2, mode 0, gate still low
        bus.out8(CH2, 50);
        bus.out8(CH2, 0);
        chipset.clock.set(nanosOfTicks(200));
        assertEquals(50, readCount(2), "no counting while the gate is low");
        bus.out8(PORT_B, 0x01);
        chipset.clock.set(nanosOfTicks(220));
        assertEquals(30, readCount(2));

        bus.out8(PORT_B, 0x00);
        bus.out8(CONTROL, 0xB2); // mode 1: a hardware one-shot
        bus.out8(CH2, 40);
        bus.out8(CH2, 0);
        assertEquals(0x20, bus.in8(PORT_B) & 0x20, "OUT high until triggered");
        bus.out8(PORT_B, 0x01);
        chipset.clock.set(nanosOfTicks(230));
        assertEquals(0x00, bus.in8(PORT_B) & 0x20, "OUT low while the one-shot runs");
        chipset.clock.set(nanosOfTicks(260));
        assertEquals(0x20, bus.in8(PORT_B) & 0x20);
    }

    @Test
    void refreshBitToggles() {
        int a = bus.in8(PORT_B) & 0x10;
        chipset.clock.advance(Pit8254.REFRESH_NANOS);
        int b = bus.in8(PORT_B) & 0x10;
        assertNotEquals(a, b);
    }

    @Test
    void resetStopsChannel0AndBadAccessesAreResults() {
        program(0, 2, LATCH);
        pit.reset();
        assertEquals(Long.MAX_VALUE, pit.poll(chipset.clock.nanos()));
        IoValue v = new IoValue();
        assertEquals(IoResult.INVALID_ACCESS_SIZE, pit.ioRead(CH0, 2, v));
        assertEquals(IoResult.INVALID_REGISTER, pit.ioWrite(0x44, 1, 0));
        assertEquals(IoResult.OK, pit.ioRead(CONTROL, 1, v));
        assertEquals(0xFF, v.get());
    }
}
