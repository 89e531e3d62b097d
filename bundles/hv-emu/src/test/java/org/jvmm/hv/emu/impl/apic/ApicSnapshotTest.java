package org.jvmm.hv.emu.impl.apic;

import static org.jvmm.hv.emu.impl.apic.ApicFixture.msr;
import static org.jvmm.hv.emu.impl.apic.ApicFixture.reg;
import static org.jvmm.hv.emu.impl.apic.ApicFixture.take;
import static org.jvmm.hv.emu.impl.apic.ApicRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A local APIC saved and restored into a fresh bus at the same guest time reads and behaves the same. */
class ApicSnapshotTest {
    private static final int DIV_16 = 0x3;

    private static byte[] save(LocalApic a) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            a.saveState(out);
        }
        return bytes.toByteArray();
    }

    private static void restore(LocalApic a, byte[] state) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
        a.restoreState(in);
        assertEquals(0, in.available(), "the whole state was read");
    }

    /** Every xAPIC register the page decodes, 0x000..0x3F0. */
    private static long[] page(LocalApic a) {
        long[] out = new long[0x40];
        for (int i = 0; i < out.length; i++) {
            out[i] = reg(a, i << 4);
        }
        return out;
    }

    @Test
    void anXapicRestoredAtTheSameTimeReadsTheSameAndItsTimerExpiresAtTheSameTime() throws IOException {
        ApicFixture f = new ApicFixture();
        LocalApic a = f.enabled(1)[0];
        f.clock.tsc = 1_000;
        a.mmioWrite(LDR, 4, 0x0300_0000);
        a.mmioWrite(DFR, 4, 0x0FFF_FFFF);
        a.mmioWrite(LVT_TIMER, 4, 0x2_0031); // periodic, vector 0x31
        a.mmioWrite(TIMER_DIVIDE, 4, DIV_16);
        a.mmioWrite(TIMER_INITIAL, 4, 10_000); // 160,000 ns period
        a.mmioWrite(LVT_LINT0, 4, MASKED | 0x700);
        a.mmioWrite(LVT_LINT1, 4, 0x400);
        a.mmioWrite(LVT_ERROR, 4, 0x3E);
        a.mmioWrite(LVT_PERF, 4, MASKED | 0x44);
        a.deliverFixed(0x51, true);
        assertEquals(0x51, take(a), "0x51 goes in service");
        a.mmioWrite(TPR, 4, 0x20);
        a.deliverFixed(0x62, false);
        a.deliverFixed(0x25, false);
        a.mmioWrite(ICR_HIGH, 4, 0x0700_0000);
        a.mmioWrite(ICR_LOW, 4, 0x4_0009); // vector 9: a send error, logged in ESR, raises 0x3E
        a.mmioWrite(ESR, 4, 0);
        f.clock.tsc = 7_000;

        byte[] state = save(a);
        ApicFixture g = new ApicFixture();
        g.clock.tsc = 7_000;
        LocalApic b = g.add(0);
        restore(b, state);

        assertArrayEquals(page(a), page(b));
        assertEquals(0x20, reg(b, TPR));
        assertEquals(0x50, reg(b, PPR), "PPR from the in-service 0x51");
        assertEquals(1L << (0x51 - 0x40), reg(b, ISR + 0x20), "ISR");
        assertEquals(1L << (0x51 - 0x40), reg(b, TMR + 0x20), "TMR: 0x51 was level-triggered");
        assertEquals(1L << (0x62 - 0x60), reg(b, IRR + 0x30), "IRR 0x62");
        assertEquals(1L << (0x3E - 0x20) | 1L << (0x25 - 0x20), reg(b, IRR + 0x10), "IRR 0x25 and the error's 0x3E");
        assertEquals(ESR_SEND_ILLEGAL, reg(b, ESR));
        assertEquals(0x0700_0000L, reg(b, ICR_HIGH));
        assertEquals(0x4_0009L, reg(b, ICR_LOW));
        assertEquals(9_625, reg(b, TIMER_CURRENT), "6,000 ns of a 160,000 ns period gone");
        assertEquals(161_000, b.nextTimerDeadlineNanos());
        assertEquals(a.nextTimerDeadlineNanos(), b.nextTimerDeadlineNanos());

        // Both continue alike: the highest deliverable vector, then the timer at the same time.
        assertEquals(0x62, take(a));
        assertEquals(0x62, take(b));
        f.clock.tsc = 161_000;
        g.clock.tsc = 161_000;
        assertTrue(a.serviceTimer());
        assertTrue(b.serviceTimer());
        assertEquals(321_000, b.nextTimerDeadlineNanos(), "periodic: re-armed one period later");
        assertEquals(1, reg(b, IRR + 0x10) >>> (0x31 - 0x20) & 1, "the timer's 0x31 waits in IRR (below PPR 0x60)");
        assertArrayEquals(page(a), page(b));
    }

    @Test
    void anX2apicInTscDeadlineModeKeepsItsModeAndDeadline() throws IOException {
        ApicFixture f = new ApicFixture();
        LocalApic a = f.enabled(1)[0];
        ApicFixture.enterX2apic(a);
        assertTrue(a.writeMsr(MSR_X2APIC_FIRST + (LVT_TIMER >> 4), 0x4_0040)); // TSC deadline, vector 0x40
        assertTrue(a.writeMsr(MSR_TSC_DEADLINE, 50_000));
        assertTrue(a.writeMsr(MSR_X2APIC_FIRST + (TPR >> 4), 0x10));
        f.clock.tsc = 20_000;

        byte[] state = save(a);
        ApicFixture g = new ApicFixture();
        g.clock.tsc = 20_000;
        LocalApic b = g.add(0);
        restore(b, state);

        assertFalse(b.mmioEnabled(), "x2APIC mode: the MMIO page is off");
        assertEquals(msr(a, MSR_APIC_BASE), msr(b, MSR_APIC_BASE));
        assertEquals(BASE_DEFAULT | BASE_ENABLE | BASE_EXTD | BASE_BSP, msr(b, MSR_APIC_BASE));
        assertEquals(50_000, msr(b, MSR_TSC_DEADLINE));
        for (int m = MSR_X2APIC_FIRST; m <= MSR_X2APIC_FIRST + 0x3F; m++) {
            long[] x = new long[1], y = new long[1];
            assertEquals(a.readMsr(m, x), b.readMsr(m, y), "msr 0x" + Integer.toHexString(m));
            assertEquals(x[0], y[0], "msr 0x" + Integer.toHexString(m));
        }
        assertEquals(1, msr(b, MSR_X2APIC_FIRST + (LDR >> 4)), "x2APIC logical ID of APIC 0");
        assertEquals(50_000, b.nextTimerDeadlineNanos());
        g.clock.tsc = 50_000;
        assertTrue(b.serviceTimer());
        assertEquals(0x40, take(b));
    }

    @Test
    void pendingStartupEventsNmiAndTheWaitForSipiSurvive() throws IOException {
        ApicFixture f = new ApicFixture();
        f.add(0);
        LocalApic ap = f.add(1);
        assertTrue(ap.waitingForSipi(), "an AP starts waiting for a SIPI");
        ap.deliverInit();
        ap.deliverSipi(0x9A);
        ap.injectNmi();

        ApicFixture g = new ApicFixture();
        g.add(0);
        LocalApic b = g.add(1);
        restore(b, save(ap));

        assertTrue(b.waitingForSipi());
        assertTrue(b.nmiPending());
        assertTrue(b.startupEventPending());
        assertEquals(LocalApic.INIT_EVENT, b.takeStartupEvent());
        assertEquals(0x9A, b.takeStartupEvent());
        assertEquals(LocalApic.NO_EVENT, b.takeStartupEvent());
        assertFalse(b.waitingForSipi(), "the SIPI started it");
    }

    @Test
    void aStateForAnotherApicOrAnX2apicWithoutX2apicIsRefused() throws IOException {
        ApicFixture f = new ApicFixture();
        LocalApic a = f.enabled(1)[0];
        LocalApic other = f.add(1);
        IOException e = assertThrows(IOException.class, () -> restore(other, save(a)));
        assertTrue(e.getMessage().contains("APIC ID 0") && e.getMessage().contains("APIC ID is 1"), e.getMessage());

        ApicFixture.enterX2apic(a);
        ApicFixture plain = new ApicFixture(1_000_000_000L, new ApicFeatures(false, true, 40));
        LocalApic c = plain.add(0);
        e = assertThrows(IOException.class, () -> restore(c, save(a)));
        assertTrue(e.getMessage().contains("x2APIC"), e.getMessage());
    }
}
