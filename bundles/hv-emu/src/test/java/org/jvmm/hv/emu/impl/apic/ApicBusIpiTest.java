package org.jvmm.hv.emu.impl.apic;

import static org.jvmm.hv.emu.impl.apic.ApicFixture.reg;
import static org.jvmm.hv.emu.impl.apic.ApicFixture.take;
import static org.jvmm.hv.emu.impl.apic.ApicRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ApicBusIpiTest {
    private final ApicFixture f = new ApicFixture();
    private final LocalApic[] cpu = f.enabled(4);

    private static void icr(LocalApic from, int dest, int low) {
        from.mmioWrite(ICR_HIGH, 4, (long) dest << 24);
        from.mmioWrite(ICR_LOW, 4, low);
    }

    /** What each CPU takes next (then EOIs it). */
    private int[] taken() {
        int[] out = new int[cpu.length];
        for (int i = 0; i < cpu.length; i++) {
            out[i] = take(cpu[i]);
            if (out[i] >= 0) {
                ApicFixture.eoi(cpu[i]);
            }
        }
        return out;
    }

    @Test
    void fixedPhysicalReachesOnlyItsDestination() {
        int before = f.kicks(2);
        icr(cpu[0], 2, 0x4000 | 0x61);
        assertEquals(before + 1, f.kicks(2));
        assertArrayEquals(new int[] {-1, -1, 0x61, -1}, taken());
        assertEquals(0, reg(cpu[0], ICR_LOW) & DELIVERY_STATUS, "delivery is immediate: never busy");
    }

    @Test
    void physicalBroadcastReachesEveryone() {
        icr(cpu[1], 0xFF, 0x62);
        assertArrayEquals(new int[] {0x62, 0x62, 0x62, 0x62}, taken());
    }

    @Test
    void shorthandsSelfAllAndAllButSelf() {
        icr(cpu[1], 3, SH_SELF << 18 | 0x70);
        assertArrayEquals(new int[] {-1, 0x70, -1, -1}, taken());
        icr(cpu[1], 3, SH_OTHERS << 18 | 0x71);
        assertArrayEquals(new int[] {0x71, -1, 0x71, 0x71}, taken());
        icr(cpu[1], 3, SH_ALL << 18 | 0x72);
        assertArrayEquals(new int[] {0x72, 0x72, 0x72, 0x72}, taken());
    }

    @Test
    void logicalFlatMatchesLdrBits() {
        for (int i = 0; i < 4; i++) {
            cpu[i].mmioWrite(LDR, 4, (1L << i) << 24);
        }
        icr(cpu[0], 0b1010, ICR_LOGICAL | 0x80);
        assertArrayEquals(new int[] {-1, 0x80, -1, 0x80}, taken());
    }

    @Test
    void logicalClusterMatchesClusterAndMemberBits() {
        int[] ldr = {0x11, 0x12, 0x21, 0x22};
        for (int i = 0; i < 4; i++) {
            cpu[i].mmioWrite(DFR, 4, 0x0FFF_FFFF);
            cpu[i].mmioWrite(LDR, 4, (long) ldr[i] << 24);
        }
        icr(cpu[0], 0x23, ICR_LOGICAL | 0x90);
        assertArrayEquals(new int[] {-1, -1, 0x90, 0x90}, taken());
        icr(cpu[0], 0x12, ICR_LOGICAL | 0xA0);
        assertArrayEquals(new int[] {-1, 0xA0, -1, -1}, taken());
    }

    @Test
    void illegalVectorIsASendErrorAndGoesNowhere() {
        icr(cpu[0], 1, 0x05);
        assertArrayEquals(new int[] {-1, -1, -1, -1}, taken());
        cpu[0].mmioWrite(ESR, 4, 0);
        assertEquals(ESR_SEND_ILLEGAL, reg(cpu[0], ESR));
    }

    @Test
    void nmiIpi() {
        icr(cpu[0], 3, DM_NMI << 8 | 0x4000);
        assertTrue(cpu[3].nmiPending());
        assertFalse(cpu[2].nmiPending());
    }

    @Test
    void lowestPriorityPicksTheLowestPprAndRotatesTies() {
        cpu[0].mmioWrite(TPR, 4, 0x40);
        cpu[1].mmioWrite(TPR, 4, 0x20);
        cpu[2].mmioWrite(TPR, 4, 0x30);
        cpu[3].mmioWrite(TPR, 4, 0x20);
        icr(cpu[0], 0xFF, DM_LOWEST << 8 | 0xB0);
        icr(cpu[0], 0xFF, DM_LOWEST << 8 | 0xB1);
        icr(cpu[0], 0xFF, DM_LOWEST << 8 | 0xB2);
        int[] got = taken();
        assertEquals(-1, got[0]);
        assertEquals(-1, got[2]);
        assertEquals(0xB2, got[1], "ties between cpu 1 and 3 alternate: B0 and B2 to cpu 1 (B2 first)");
        assertEquals(0xB1, got[3]);
    }

    private static int init(boolean assertLevel) {
        return DM_INIT << 8 | LEVEL_TRIGGER | (assertLevel ? ICR_ASSERT : 0);
    }

    @Test
    void initDeassertSipiSipiStartsAnAp() {
        LocalApic ap = cpu[2];
        assertTrue(ap.waitingForSipi(), "an AP starts waiting for a SIPI");
        assertFalse(cpu[0].waitingForSipi());
        ap.deliverFixed(0x55, false);
        icr(cpu[0], 2, init(true));
        assertTrue(ap.startupEventPending());
        assertEquals(LocalApic.INIT_EVENT, ap.takeStartupEvent());
        assertTrue(ap.waitingForSipi());
        assertEquals(0xFF, reg(ap, SVR), "INIT resets the APIC");
        assertEquals(-1, ap.pendingVector(), "INIT clears IRR");
        assertEquals(2L << 24, reg(ap, ID), "but keeps its ID");
        icr(cpu[0], 2, init(false));
        assertFalse(ap.startupEventPending(), "INIT level de-assert is not an INIT");
        icr(cpu[0], 2, DM_STARTUP << 8 | 0x9A);
        assertTrue(ap.startupEventPending());
        assertEquals(0x9A, ap.takeStartupEvent());
        assertFalse(ap.waitingForSipi());
        assertEquals(LocalApic.NO_EVENT, ap.takeStartupEvent());
        icr(cpu[0], 2, DM_STARTUP << 8 | 0x9B);
        assertFalse(ap.startupEventPending(), "a running processor ignores SIPI");
    }

    @Test
    void sipiDeliveredBeforeTheVpTookInitIsKept() {
        LocalApic ap = cpu[3];
        icr(cpu[0], 3, init(true));
        icr(cpu[0], 3, DM_STARTUP << 8 | 0x10);
        assertEquals(LocalApic.INIT_EVENT, ap.takeStartupEvent());
        assertTrue(ap.startupEventPending());
        assertEquals(0x10, ap.takeStartupEvent());
    }

    @Test
    void initToTheBspRestartsItWithoutWaiting() {
        icr(cpu[1], 0, init(true));
        assertEquals(LocalApic.INIT_EVENT, cpu[0].takeStartupEvent());
        assertFalse(cpu[0].waitingForSipi());
        icr(cpu[1], 0, DM_STARTUP << 8 | 0x20);
        assertFalse(cpu[0].startupEventPending());
    }
}
