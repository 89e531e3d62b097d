package org.jvmm.chipset.impl.acpipm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.PortBus;
import org.jvmm.chipset.impl.StateUnits;
import org.jvmm.chipset.resources.AcpiPmLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ACPI PM block saved with the SCI raised and restored into a VM whose clock starts at zero. */
class AcpiPmStateTest {
    static final int BASE = AcpiPmLayout.DEFAULT_BASE;
    static final int PM1_STS = BASE, PM1_EN = BASE + 2, PM1_CNT = BASE + AcpiPmLayout.PM1_CNT_OFFSET,
            PM_TMR = BASE + AcpiPmLayout.PM_TMR_OFFSET, GPE0 = BASE + AcpiPmLayout.GPE0_OFFSET;

    FakeChipset c1 = new FakeChipset();
    FakeChipset c2 = new FakeChipset();
    AcpiPmDevice original;
    AcpiPmDevice restored;
    PortBus bus1;
    PortBus bus2;

    static AcpiPmDevice device(FakeChipset c) {
        AcpiPmDevice d = new AcpiPmDevice(BASE, c.line(9), c.clock, c.power);
        d.setWaker(c.waker(d));
        return d;
    }

    @BeforeEach
    void setUp() throws StateUnitException {
        c1.clock.set(3_000_000_007L);
        original = device(c1);
        bus1 = new PortBus(original);
        bus1.out(PM1_EN, 2, 0x0101); // TMR_EN and PWRBTN_EN
        original.pressPowerButton();
        bus1.out(GPE0 + 4, 4, 0x0000_0004);
        bus1.out(PM1_CNT, 2, 3 << 10); // SLP_TYP 3 without SLP_EN
        bus1.out(AcpiPmLayout.RESET_PORT, 1, 0x02);
        c1.clock.advance(2_500_000_001L);
        original.poll(c1.clock.nanos());
        c2.clock.set(0);
        restored = device(c2);
        bus2 = new PortBus(restored);
        StateUnits.copy(original, restored);
    }

    static List<Long> registers(PortBus bus) {
        return List.of(bus.in(PM1_STS, 2), bus.in(PM1_EN, 2), bus.in(PM1_CNT, 2), bus.in(PM_TMR, 4),
                bus.in(GPE0, 4), bus.in(GPE0 + 4, 4), bus.in(AcpiPmLayout.RESET_PORT, 1));
    }

    void advanceBoth(long nanos) {
        c1.clock.advance(nanos);
        c2.clock.advance(nanos);
    }

    @Test
    void theRestoredBlockAnswersEveryRegisterAsTheOriginal() {
        assertTrue(c2.line(9).level, "PWRBTN_STS is enabled: the restored device raises the SCI");
        List<Long> before = registers(bus1);
        assertEquals(before, registers(bus2));
        assertEquals(0x0101L, before.get(0), "PWRBTN_STS and TMR_STS (the timer's top bit flipped)");
        assertEquals(0x0C01L, before.get(2), "SLP_TYP 3, SCI_EN");
        assertEquals(AcpiPm.ticks(2_500_000_001L) & AcpiPm.TIMER_MASK, before.get(3));
        advanceBoth(98_765_432L);
        List<Long> later = registers(bus2);
        assertEquals(registers(bus1), later);
        assertNotEquals(before.get(3), later.get(3), "the PM timer keeps counting");
    }

    @Test
    void theTimerFlagComesAtTheSameRelativeDeadline() {
        assertTrue(c2.wakes(restored) > 0, "a restore wakes the poller");
        bus1.out(PM1_STS, 2, 0x0101);
        bus2.out(PM1_STS, 2, 0x0101);
        assertEquals(c1.line(9).level, c2.line(9).level);
        long due1 = original.poll(c1.clock.nanos()) - c1.clock.nanos();
        long due2 = restored.poll(c2.clock.nanos()) - c2.clock.nanos();
        assertEquals(due1, due2);
        advanceBoth(due1);
        original.poll(c1.clock.nanos());
        restored.poll(c2.clock.nanos());
        assertEquals(1L, bus2.in(PM1_STS, 2) & 1, "TMR_STS");
        assertEquals(registers(bus1), registers(bus2));
    }

    @Test
    void badStatesAreRefusedAndChangeNothing() {
        StateUnits.assertRefusesBadStates(restored, device(new FakeChipset()));
    }
}
