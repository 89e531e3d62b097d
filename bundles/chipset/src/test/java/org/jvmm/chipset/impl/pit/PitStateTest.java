package org.jvmm.chipset.impl.pit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.PortBus;
import org.jvmm.chipset.impl.StateUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PIT saved mid-count and restored into a device whose VM clock starts elsewhere. */
class PitStateTest {
    static final int CH0 = 0x40, CH1 = 0x41, CH2 = 0x42, CONTROL = 0x43, PORT_B = 0x61, LATCH = 1193;

    FakeChipset c1 = new FakeChipset();
    FakeChipset c2 = new FakeChipset();
    PitDevice original;
    PitDevice restored;
    PortBus bus1;
    PortBus bus2;

    @BeforeEach
    void setUp() throws StateUnitException {
        c1.clock.set(5_000_000_123L);
        original = new PitDevice(c1);
        bus1 = new PortBus(original);
        bus1.out8(CONTROL, 0x34); // channel 0, LSB then MSB, mode 2
        bus1.out8(CH0, LATCH & 0xFF);
        bus1.out8(CH0, LATCH >>> 8);
        bus1.out8(CONTROL, 0x70); // channel 1, mode 0
        bus1.out8(CH1, 0x00);
        bus1.out8(CH1, 0x10);
        bus1.out8(PORT_B, 0x03); // gate 2 and the speaker on
        bus1.out8(CONTROL, 0xB6); // channel 2, mode 3
        bus1.out8(CH2, 0x00);
        bus1.out8(CH2, 0x08);
        c1.clock.advance(300_000);
        bus1.out8(CONTROL, 0x00); // latch channel 0 ...
        bus1.in8(CH0); // ... and read only its LSB
        bus1.in8(CH1); // channel 1's live count: LSB read, MSB next
        bus1.out8(CONTROL, 0xE8); // read-back: channel 2's status only
        c1.clock.advance(50_000);

        c2.clock.set(1_000_000);
        restored = new PitDevice(c2);
        bus2 = new PortBus(restored);
        StateUnits.copy(original, restored);
    }

    /** What the guest reads, in order: latched and live counts, the latched status and port B. */
    static List<Integer> probe(PortBus bus) {
        List<Integer> reads = new ArrayList<>();
        for (int port : new int[] {CH0, CH0, CH0, CH1, CH1, CH1, CH2, CH2, CH2, PORT_B}) {
            reads.add(bus.in8(port));
        }
        return reads;
    }

    void advanceBoth(long nanos) {
        c1.clock.advance(nanos);
        c2.clock.advance(nanos);
    }

    @Test
    void theRestoredPitAnswersEveryReadAsTheOriginal() {
        List<Integer> before = probe(bus1);
        assertEquals(before, probe(bus2));
        assertEquals(0x36, before.get(6) & 0x3F, "channel 2's latched status: LSB then MSB, mode 3");
        for (long step : new long[] {7_543, 123_457, 2_000_001}) {
            advanceBoth(step);
            assertEquals(probe(bus1), probe(bus2), "after " + step + " ns more");
        }
    }

    @Test
    void countingContinuesFromWhereTheSnapshotStopped() {
        bus1.out8(CONTROL, 0x00);
        bus2.out8(CONTROL, 0x00);
        int count = bus1.in8(CH0) | bus1.in8(CH0) << 8;
        assertEquals(count, bus2.in8(CH0) | bus2.in8(CH0) << 8);
        assertNotEquals(LATCH, count, "the saved channel 0 had been counting for 350 µs");
        assertTrue(c2.wakes(restored) > 0, "a restore wakes the poller for the new deadline");
    }

    @Test
    void irq0FiresAtTheSameRelativeDeadline() {
        long due1 = original.poll(c1.clock.nanos()) - c1.clock.nanos();
        long due2 = restored.poll(c2.clock.nanos()) - c2.clock.nanos();
        assertEquals(due1, due2);
        assertTrue(due1 > 0 && due1 < PitTime.nanos(LATCH), "within one period: " + due1);
        advanceBoth(due1);
        original.poll(c1.clock.nanos());
        restored.poll(c2.clock.nanos());
        assertEquals(1, c1.line(0).rises);
        assertEquals(1, c2.line(0).rises);
    }

    @Test
    void badStatesAreRefusedAndChangeNothing() {
        StateUnits.assertRefusesBadStates(restored, new PitDevice(new FakeChipset()));
        StateUnit u = StateUnits.unit(restored);
        byte[] before = u.save();
        byte[] badMode = u.save();
        badMode[23] = 7; // channel 0's mode, after the time, last poll time and port B
        StateUnitException e = assertThrows(StateUnitException.class, () -> u.restore(1, badMode));
        assertEquals("chipset.pit8254: saved state is malformed: mode 7 is outside 0..5", e.getMessage());
        assertArrayEquals(before, u.save());
    }
}
