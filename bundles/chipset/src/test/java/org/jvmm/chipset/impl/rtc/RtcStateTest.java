package org.jvmm.chipset.impl.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.PortBus;
import org.jvmm.chipset.impl.StateUnits;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RTC saved with an interrupt pending and restored into a VM whose clock and host time differ. */
class RtcStateTest {
    static final long SECOND = 1_000_000_000L;
    static final GuestMemoryLayout LAYOUT = GuestMemoryLayout.pc(64L << 20);

    FakeChipset c1 = new FakeChipset();
    FakeChipset c2 = new FakeChipset();
    RtcDevice original;
    RtcDevice restored;
    PortBus bus1;
    PortBus bus2;

    static RtcDevice rtc(FakeChipset c, String start) {
        RtcDevice d = new RtcDevice(c.line(8), c.clock, LAYOUT, Instant.parse(start).getEpochSecond() * SECOND);
        d.setWaker(c.waker(d));
        return d;
    }

    static int cmos(PortBus bus, int index) {
        bus.out8(0x70, index);
        return bus.in8(0x71);
    }

    static void cmos(PortBus bus, int index, int value) {
        bus.out8(0x70, index);
        bus.out8(0x71, value);
    }

    @BeforeEach
    void setUp() {
        c1.clock.set(7_300_000_000L);
        original = rtc(c1, "2024-03-05T13:45:30Z");
        bus1 = new PortBus(original);
        cmos(bus1, 0x0B, 0x46); // periodic interrupt, binary, 24-hour
        cmos(bus1, 0x0A, 0x2A); // 64 Hz
        cmos(bus1, 0x04, 22);
        cmos(bus1, 0x01, 35);
        cmos(bus1, 0x40, 0x5A);
        c1.clock.advance(20_000_000);
        original.poll(c1.clock.nanos());
        bus1.out8(0x70, 0x80 | 0x40); // index 0x40 with NMIs masked

        c2.clock.set(0);
        restored = rtc(c2, "2031-01-01T00:00:00Z");
        bus2 = new PortBus(restored);
    }

    List<Integer> registers(PortBus bus) {
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < 0x80; i++) {
            reads.add(cmos(bus, i));
        }
        return reads;
    }

    void advanceBoth(long nanos) {
        c1.clock.advance(nanos);
        c2.clock.advance(nanos);
    }

    @Test
    void theRestoredRtcAnswersEveryRegisterAsTheOriginal() throws StateUnitException {
        assertTrue(c1.line(8).level, "a periodic flag is pending");
        StateUnits.copy(original, restored);
        assertTrue(c2.line(8).level, "the restored RTC drives IRQ 8 from its flags");
        assertTrue(restored.nmiDisabled());
        assertEquals(0x5A, bus2.in8(0x71), "the index register was restored");
        List<Integer> before = registers(bus1);
        assertEquals(before, registers(bus2));
        assertEquals(22, before.get(0x04), "the guest's hour, not the new host time");
        assertEquals(24, before.get(0x09));
        assertFalse(c2.line(8).level, "reading C cleared the flags in both");
        advanceBoth(1_300_000_000L);
        List<Integer> later = registers(bus2);
        assertEquals(registers(bus1), later);
        assertNotEquals(before.get(0x00), later.get(0x00), "the guest's clock keeps running");
    }

    @Test
    void thePeriodicInterruptKeepsItsPhase() throws StateUnitException {
        StateUnits.copy(original, restored);
        cmos(bus1, 0x0C);
        cmos(bus2, 0x0C);
        long due1 = original.poll(c1.clock.nanos()) - c1.clock.nanos();
        long due2 = restored.poll(c2.clock.nanos()) - c2.clock.nanos();
        assertEquals(due1, due2);
        assertTrue(c2.wakes(restored) > 0, "a restore wakes the poller");
        advanceBoth(due1);
        original.poll(c1.clock.nanos());
        restored.poll(c2.clock.nanos());
        assertTrue(c1.line(8).level);
        assertTrue(c2.line(8).level);
    }

    @Test
    void aClockHeldBySetStaysHeldWithTheGuestsWrites() throws StateUnitException {
        cmos(bus1, 0x0B, 0x86); // SET
        cmos(bus1, 0x00, 7);
        cmos(bus1, 0x09, 99);
        StateUnits.copy(original, restored);
        advanceBoth(3 * SECOND);
        assertEquals(7, cmos(bus2, 0x00), "held");
        cmos(bus1, 0x0B, 0x06);
        cmos(bus2, 0x0B, 0x06);
        advanceBoth(2 * SECOND);
        assertEquals(9, cmos(bus2, 0x00));
        assertEquals(registers(bus1), registers(bus2));
    }

    @Test
    void badStatesAreRefusedAndChangeNothing() {
        StateUnits.assertRefusesBadStates(original, restored);
    }
}
