package org.jvmm.hv.emu.impl.apic;

import static org.jvmm.hv.emu.impl.apic.ApicFixture.eoi;
import static org.jvmm.hv.emu.impl.apic.ApicFixture.reg;
import static org.jvmm.hv.emu.impl.apic.ApicFixture.take;
import static org.jvmm.hv.emu.impl.apic.ApicRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApicPriorityTest {
    private final ApicFixture f = new ApicFixture();
    private final LocalApic a = f.enabled(1)[0];

    @Test
    void nothingPendingAfterReset() {
        assertEquals(-1, a.pendingVector());
        assertEquals(-1, a.pendingVector());
    }

    @Test
    void deliveryKicksAndHighestVectorComesFirst() {
        int before = f.kicks(0);
        a.deliverFixed(0x31, false);
        a.deliverFixed(0x82, false);
        a.deliverFixed(0x45, false);
        assertEquals(before + 3, f.kicks(0));
        assertEquals(0x82, take(a));
        assertEquals(0x80, reg(a, PPR), "in service 0x82: PPR is its class");
        assertEquals(-1, a.pendingVector(), "0x45 and 0x31 are below the in-service class");
        assertEquals(1L << 2, reg(a, ISR + 0x40), "ISR bit 0x82");
        assertEquals(1L << 0x11, reg(a, IRR + 0x10), "IRR bit 0x31 remains");
        assertEquals(1L << 5, reg(a, IRR + 0x20), "IRR bit 0x45 remains");
        eoi(a);
        assertEquals(0, reg(a, PPR));
        assertEquals(0x45, take(a));
        eoi(a);
        assertEquals(0x31, take(a));
        eoi(a);
        assertEquals(-1, a.pendingVector());
        assertEquals(List.of(), f.eois, "edge interrupts send no EOI message");
    }

    @Test
    void sameClassDoesNotPreemptButHigherClassDoes() {
        a.deliverFixed(0x51, false);
        assertEquals(0x51, take(a));
        a.deliverFixed(0x5F, false);
        assertEquals(-1, a.pendingVector(), "0x5F is in the in-service class 5");
        a.deliverFixed(0x60, false);
        assertEquals(0x60, take(a), "class 6 nests above class 5");
        eoi(a);
        assertEquals(-1, a.pendingVector(), "0x5F still blocked by 0x51 in service");
        eoi(a);
        assertEquals(0x5F, take(a));
    }

    @Test
    void tprMasksLowerClassesAndLoweringItWakes() {
        a.mmioWrite(TPR, 4, 0x70);
        a.deliverFixed(0x72, false);
        a.deliverFixed(0x65, false);
        assertEquals(-1, a.pendingVector());
        assertEquals(0x70, reg(a, PPR));
        int before = f.kicks(0);
        a.mmioWrite(TPR, 4, 0x60);
        assertTrue(f.kicks(0) > before, "a TPR write that may unmask an interrupt kicks the VP");
        assertEquals(0x72, take(a));
        assertEquals(0x70, reg(a, PPR), "ISR class 7 over TPR 0x60");
        a.mmioWrite(TPR, 4, 0x7F);
        assertEquals(0x7F, reg(a, PPR), "TPR wins when its class is not below the ISR's");
    }

    @Test
    void levelEoiIsBroadcastWithItsVector() {
        a.deliverFixed(0x91, true);
        a.deliverFixed(0x40, false);
        assertEquals(1L << 0x11, reg(a, TMR + 0x40), "TMR marks 0x91 level");
        assertEquals(0x91, take(a));
        eoi(a);
        assertEquals(List.of(0x91), f.eois);
        assertEquals(0x40, take(a));
        eoi(a);
        assertEquals(List.of(0x91), f.eois);
    }

    @Test
    void eoiWithNothingInServiceDoesNothing() {
        eoi(a);
        assertEquals(List.of(), f.eois);
        assertEquals(-1, a.pendingVector());
    }

    @Test
    void illegalVectorIsLoggedNotAccepted() {
        a.mmioWrite(LVT_ERROR, 4, 0xEE);
        a.deliverFixed(7, false);
        assertEquals(0, reg(a, IRR));
        a.mmioWrite(ESR, 4, 0);
        assertEquals(ESR_RECEIVE_ILLEGAL, reg(a, ESR));
        a.mmioWrite(ESR, 4, 0);
        assertEquals(0, reg(a, ESR), "the next write latches the errors since the previous one");
        assertEquals(0xEE, take(a), "the error LVT raised its vector");
    }

    @Test
    void softwareDisabledApicDropsFixedButKeepsNmi() {
        a.mmioWrite(SVR, 4, 0xFF);
        a.deliverFixed(0x50, false);
        assertEquals(-1, a.pendingVector());
        a.deliverNmi();
        assertTrue(a.nmiPending());
        a.acknowledgeNmi();
        assertFalse(a.nmiPending());
    }

    @Test
    void pendingInterruptsSurviveSoftwareDisable() {
        a.deliverFixed(0x50, false);
        a.mmioWrite(SVR, 4, 0xFF);
        assertEquals(0x50, take(a));
    }

    @Test
    void arbitrationPriorityFollowsIrrIsrAndTpr() {
        a.deliverFixed(0x63, false);
        assertEquals(0x60, reg(a, APR));
        a.mmioWrite(TPR, 4, 0x75);
        assertEquals(0x75, reg(a, APR));
    }
}
