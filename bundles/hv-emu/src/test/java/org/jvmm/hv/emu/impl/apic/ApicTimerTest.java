package org.jvmm.hv.emu.impl.apic;

import static org.jvmm.hv.emu.impl.apic.ApicFixture.msr;
import static org.jvmm.hv.emu.impl.apic.ApicFixture.reg;
import static org.jvmm.hv.emu.impl.apic.ApicFixture.take;
import static org.jvmm.hv.emu.impl.apic.ApicRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ApicTimerTest {
    private static final int DIV_1 = 0xB, DIV_2 = 0x0, DIV_16 = 0x3, DIV_128 = 0xA;

    private final ApicFixture f = new ApicFixture();
    private final LocalApic a = f.enabled(1)[0];

    @Test
    void oneShotFiresOnceAfterInitialCountTicks() {
        f.clock.tsc = 5_000;
        a.mmioWrite(LVT_TIMER, 4, 0x30);
        a.mmioWrite(TIMER_DIVIDE, 4, DIV_1);
        a.mmioWrite(TIMER_INITIAL, 4, 1_000);
        assertEquals(6_000, a.nextTimerDeadlineNanos());
        f.clock.tsc = 5_400;
        assertEquals(600, reg(a, TIMER_CURRENT));
        assertFalse(a.serviceTimer());
        assertEquals(-1, a.pendingVector());
        f.clock.tsc = 6_000;
        int before = f.kicks(0);
        assertTrue(a.serviceTimer());
        assertTrue(f.kicks(0) > before);
        assertEquals(0x30, take(a));
        assertEquals(0, reg(a, TIMER_CURRENT));
        assertEquals(Long.MAX_VALUE, a.nextTimerDeadlineNanos());
        f.clock.tsc = 20_000;
        assertFalse(a.serviceTimer(), "one-shot does not re-arm");
    }

    @Test
    void dividerScalesTheCount() {
        a.mmioWrite(LVT_TIMER, 4, 0x30);
        a.mmioWrite(TIMER_DIVIDE, 4, DIV_2);
        a.mmioWrite(TIMER_INITIAL, 4, 100);
        assertEquals(200, a.nextTimerDeadlineNanos());
        a.mmioWrite(TIMER_DIVIDE, 4, DIV_16);
        a.mmioWrite(TIMER_INITIAL, 4, 100);
        assertEquals(1_600, a.nextTimerDeadlineNanos());
        a.mmioWrite(TIMER_DIVIDE, 4, DIV_128);
        a.mmioWrite(TIMER_INITIAL, 4, 100);
        assertEquals(12_800, a.nextTimerDeadlineNanos());
        assertEquals(DIV_128, reg(a, TIMER_DIVIDE));
    }

    @Test
    void dividerChangeContinuesFromTheCurrentCount() {
        a.mmioWrite(LVT_TIMER, 4, 0x30);
        a.mmioWrite(TIMER_DIVIDE, 4, DIV_1);
        a.mmioWrite(TIMER_INITIAL, 4, 1_000);
        f.clock.tsc = 400;
        a.mmioWrite(TIMER_DIVIDE, 4, DIV_2);
        assertEquals(600, reg(a, TIMER_CURRENT));
        assertEquals(400 + 1_200, a.nextTimerDeadlineNanos());
    }

    @Test
    void periodicReloadsAndCoalescesMissedPeriods() {
        a.mmioWrite(LVT_TIMER, 4, 0x2_0031);
        a.mmioWrite(TIMER_DIVIDE, 4, DIV_1);
        a.mmioWrite(TIMER_INITIAL, 4, 200_000);
        assertEquals(200_000, a.nextTimerDeadlineNanos());
        f.clock.tsc = 200_000;
        assertTrue(a.serviceTimer());
        assertEquals(400_000, a.nextTimerDeadlineNanos());
        assertEquals(0x31, take(a));
        ApicFixture.eoi(a);
        f.clock.tsc = 650_000;
        assertEquals(150_000, reg(a, TIMER_CURRENT));
        assertTrue(a.serviceTimer());
        assertEquals(800_000, a.nextTimerDeadlineNanos(), "late service fires once, keeps the phase");
        assertEquals(0x31, take(a));
        assertEquals(-1, a.pendingVector());
    }

    @Test
    void tinyPeriodsAreRateLimited() {
        a.mmioWrite(LVT_TIMER, 4, 0x2_0031);
        a.mmioWrite(TIMER_DIVIDE, 4, DIV_1);
        a.mmioWrite(TIMER_INITIAL, 4, 10);
        f.clock.tsc = 10;
        assertTrue(a.serviceTimer());
        assertEquals(10 + ApicTimer.MIN_PERIOD_NS, a.nextTimerDeadlineNanos());
    }

    @Test
    void maskedTimerCountsButRaisesNothing() {
        a.mmioWrite(LVT_TIMER, 4, MASKED | 0x30);
        a.mmioWrite(TIMER_DIVIDE, 4, DIV_1);
        a.mmioWrite(TIMER_INITIAL, 4, 100);
        f.clock.tsc = 100;
        assertFalse(a.serviceTimer());
        assertEquals(-1, a.pendingVector());
        assertEquals(0, reg(a, TIMER_CURRENT));
    }

    @Test
    void zeroInitialCountStopsTheTimer() {
        a.mmioWrite(LVT_TIMER, 4, 0x30);
        a.mmioWrite(TIMER_INITIAL, 4, 100);
        a.mmioWrite(TIMER_INITIAL, 4, 0);
        assertEquals(Long.MAX_VALUE, a.nextTimerDeadlineNanos());
        f.clock.tsc = 1_000_000;
        assertFalse(a.serviceTimer());
    }

    @Test
    void tscDeadlineFiresAtTheGuestTsc() {
        ApicFixture g = new ApicFixture(2_500_000_000L, ApicFeatures.DEFAULT);
        LocalApic b = g.enabled(1)[0];
        g.clock.tsc = 1_000_000;
        b.setTscOffset(5_000);
        b.mmioWrite(LVT_TIMER, 4, 0x4_0040);
        long guestNow = g.clock.tsc + 5_000;
        assertTrue(b.writeMsr(MSR_TSC_DEADLINE, guestNow + 2_500));
        assertEquals(guestNow + 2_500, msr(b, MSR_TSC_DEADLINE));
        assertEquals(b.nowNanos() + 1_000, b.nextTimerDeadlineNanos());
        g.clock.tsc += 2_499;
        assertFalse(b.serviceTimer());
        g.clock.tsc += 1;
        assertTrue(b.serviceTimer());
        assertEquals(0x40, take(b));
        assertEquals(0, msr(b, MSR_TSC_DEADLINE), "the deadline disarms when it fires");
        assertEquals(Long.MAX_VALUE, b.nextTimerDeadlineNanos());
    }

    @Test
    void pastDeadlineFiresAtOnceAndZeroDisarms() {
        a.mmioWrite(LVT_TIMER, 4, 0x4_0040);
        f.clock.tsc = 10_000;
        assertTrue(a.writeMsr(MSR_TSC_DEADLINE, 5_000));
        assertEquals(0x40, take(a));
        assertTrue(a.writeMsr(MSR_TSC_DEADLINE, 50_000));
        assertTrue(a.writeMsr(MSR_TSC_DEADLINE, 0));
        assertEquals(Long.MAX_VALUE, a.nextTimerDeadlineNanos());
    }

    @Test
    void deadlineModeIgnoresTheCountersAndLeavingItDisarms() {
        a.mmioWrite(LVT_TIMER, 4, 0x4_0040);
        a.mmioWrite(TIMER_INITIAL, 4, 100);
        assertEquals(0, reg(a, TIMER_INITIAL));
        assertTrue(a.writeMsr(MSR_TSC_DEADLINE, 1_000));
        a.mmioWrite(LVT_TIMER, 4, 0x40);
        assertEquals(0, msr(a, MSR_TSC_DEADLINE));
        assertEquals(Long.MAX_VALUE, a.nextTimerDeadlineNanos());
    }

    @Test
    void deadlineMsrIsIgnoredOutsideDeadlineMode() {
        a.mmioWrite(LVT_TIMER, 4, 0x40);
        assertTrue(a.writeMsr(MSR_TSC_DEADLINE, 1_000));
        assertEquals(0, msr(a, MSR_TSC_DEADLINE));
        assertEquals(Long.MAX_VALUE, a.nextTimerDeadlineNanos());
    }

    @Test
    void withoutTscDeadlineTheMsrFaultsAndTheModeBitIsReserved() {
        ApicFixture g = new ApicFixture(1_000_000_000L, new ApicFeatures(true, false, 40));
        LocalApic b = g.enabled(1)[0];
        assertFalse(b.writeMsr(MSR_TSC_DEADLINE, 1));
        assertTrue(ApicFixture.msrFaults(b, MSR_TSC_DEADLINE));
        b.mmioWrite(LVT_TIMER, 4, 0x4_0040);
        assertEquals(0x40, reg(b, LVT_TIMER));
    }
}
