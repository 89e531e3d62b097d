package org.jvmm.chipset.impl.acpipm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.PortBus;
import org.jvmm.chipset.resources.AcpiPmLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AcpiPmDeviceTest {
    static final int BASE = AcpiPmLayout.DEFAULT_BASE;
    static final int PM1_STS = BASE, PM1_EN = BASE + 2, PM1_CNT = BASE + AcpiPmLayout.PM1_CNT_OFFSET,
            PM_TMR = BASE + AcpiPmLayout.PM_TMR_OFFSET, GPE0 = BASE + AcpiPmLayout.GPE0_OFFSET;
    static final long SECOND = 1_000_000_000L;

    FakeChipset chipset;
    AcpiPmDevice pm;
    PortBus bus;

    @BeforeEach
    void setUp() {
        chipset = new FakeChipset();
        pm = new AcpiPmDevice(BASE, chipset.line(9), chipset.clock, chipset.power);
        pm.setWaker(chipset.waker(pm));
        bus = new PortBus(pm);
    }

    @Test
    void sleepTypeS5WithSleepEnablePowersOff() {
        assertEquals(0x0001, bus.in(PM1_CNT, 2) & 0x0001, "SCI_EN: already in ACPI mode");
        bus.out(PM1_CNT, 2, 3 << 10 | 1 << 13);
        assertEquals(0, chipset.power.powerOffs, "S3 is not supported: ignored");
        bus.out(PM1_CNT, 2, AcpiPmLayout.SLP_TYP_S5 << 10);
        assertEquals(0, chipset.power.powerOffs, "no SLP_EN");
        bus.out(PM1_CNT, 2, AcpiPmLayout.SLP_TYP_S5 << 10 | 1 << 13);
        assertEquals(1, chipset.power.powerOffs);
        assertEquals(0, bus.in(PM1_CNT, 2) & 1 << 13, "SLP_EN reads as zero");
    }

    @Test
    void s5WrittenAsTwoBytesWorksToo() {
        int value = AcpiPmLayout.SLP_TYP_S5 << 10 | 1 << 13 | 1;
        bus.out8(PM1_CNT, value & 0xFF);
        bus.out8(PM1_CNT + 1, value >>> 8);
        assertEquals(1, chipset.power.powerOffs);
    }

    @Test
    void pmTimerRunsAt3579545HzAndWrapsAt24Bits() {
        long t0 = bus.in(PM_TMR, 4);
        chipset.clock.advance(SECOND / 10);
        long t1 = bus.in(PM_TMR, 4);
        assertEquals(357_954, (t1 - t0) & 0xFF_FFFF, "a tenth of a second");
        chipset.clock.advance(5 * SECOND);
        long t2 = bus.in(PM_TMR, 4);
        assertTrue(t2 <= 0xFF_FFFF, "24 bits");
        assertEquals((t1 + 5 * AcpiPmLayout.PM_TIMER_HZ) & 0xFF_FFFF, t2, "wrapped");
    }

    @Test
    void timerCarryRaisesSciWhenEnabled() {
        bus.out(PM1_STS, 2, 0xFFFF);
        bus.out(PM1_EN, 2, 0x0001);
        assertTrue(chipset.wakes(pm) > 0);
        long deadline = pm.poll(chipset.clock.nanos());
        assertEquals(chipset.clock.nanos() + AcpiPm.nanos(1L << 23), deadline,
                "the timer's top bit first flips after 2^23 ticks");
        chipset.clock.set(deadline);
        pm.poll(deadline);
        assertTrue(chipset.line(9).level);
        assertEquals(0x0001, bus.in(PM1_STS, 2) & 0x0001);
        bus.out(PM1_STS, 2, 0x0001);
        assertFalse(chipset.line(9).level, "write 1 to clear");
    }

    @Test
    void powerButtonRaisesSciOnlyWhenEnabled() {
        pm.pressPowerButton();
        assertFalse(chipset.line(9).level);
        assertEquals(0x0100, bus.in(PM1_STS, 2) & 0x0100);
        bus.out(PM1_EN, 2, 0x0100);
        assertTrue(chipset.line(9).level);
        assertEquals(0x0100_0100L, bus.in(PM1_STS, 4) & 0x0100_0100L, "status and enable in one dword");
        bus.out(PM1_STS, 2, 0x0100);
        assertFalse(chipset.line(9).level);
    }

    @Test
    void gpeStatusAndEnable() {
        bus.out(GPE0 + 4, 4, 0x0000_0004);
        assertEquals(4, bus.in(GPE0 + 4, 4));
        pm.reset();
        assertEquals(0, bus.in(GPE0 + 4, 4), "reset clears the enables");
    }

    @Test
    void resetRegisterAt0xCf9() {
        bus.out8(AcpiPmLayout.RESET_PORT, 0x02);
        assertEquals(0, chipset.power.resets, "SYS_RST alone does not reset");
        assertEquals(0x02, bus.in8(AcpiPmLayout.RESET_PORT));
        bus.out8(AcpiPmLayout.RESET_PORT, AcpiPmLayout.RESET_VALUE);
        assertEquals(1, chipset.power.resets);
        bus.out8(AcpiPmLayout.RESET_PORT, 0x0E);
        assertEquals(2, chipset.power.resets);
    }

    @Test
    void badAccesses() {
        IoValue v = new IoValue();
        assertEquals(IoResult.INVALID_ACCESS_SIZE, pm.ioRead(AcpiPmLayout.RESET_PORT, 2, v));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, pm.ioRead(PM_TMR, 3, v));
        assertEquals(IoResult.INVALID_REGISTER, pm.ioRead(BASE + 6, 1, v));
        assertEquals(IoResult.INVALID_REGISTER, pm.ioWrite(BASE + 0x10, 1, 0));
    }
}
