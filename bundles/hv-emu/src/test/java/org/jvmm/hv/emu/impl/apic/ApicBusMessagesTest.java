package org.jvmm.hv.emu.impl.apic;

import static org.jvmm.hv.emu.impl.apic.ApicFixture.eoi;
import static org.jvmm.hv.emu.impl.apic.ApicFixture.reg;
import static org.jvmm.hv.emu.impl.apic.ApicFixture.take;
import static org.jvmm.hv.emu.impl.apic.ApicRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jvmm.hv.api.InterruptRequest;
import org.junit.jupiter.api.Test;

class ApicBusMessagesTest {
    private final ApicFixture f = new ApicFixture();
    private final LocalApic[] cpu = f.enabled(3);

    private static long msiAddress(int dest, boolean logical) {
        return 0xFEE0_0000L | (long) dest << 12 | (logical ? 4 : 0);
    }

    @Test
    void msiFixedGoesToItsDestinationAndVector() {
        f.bus.signalMsi(msiAddress(2, false), 0x45);
        assertEquals(-1, cpu[0].pendingVector());
        assertEquals(-1, cpu[1].pendingVector());
        assertEquals(0x45, take(cpu[2]));
        assertEquals(0, reg(cpu[2], TMR + 0x20));
    }

    @Test
    void levelMsiSetsTmrAndItsEoiIsBroadcast() {
        f.bus.deliver(new InterruptRequest.Msi(msiAddress(1, false), 0x8000 | 0x66));
        assertEquals(1L << 6, reg(cpu[1], TMR + 0x30));
        assertEquals(0x66, take(cpu[1]));
        eoi(cpu[1]);
        assertEquals(List.of(0x66), f.eois);
    }

    @Test
    void msiLogicalAndDeliveryModes() {
        cpu[0].mmioWrite(LDR, 4, 1L << 24);
        cpu[1].mmioWrite(LDR, 4, 2L << 24);
        cpu[2].mmioWrite(LDR, 4, 4L << 24);
        f.bus.signalMsi(msiAddress(0b110, true), 0x51);
        assertArrayEquals(new int[] {-1, 0x51, 0x51}, new int[] {take(cpu[0]), take(cpu[1]), take(cpu[2])});
        f.bus.signalMsi(msiAddress(0, false), DM_NMI << 8);
        assertTrue(cpu[0].nmiPending());
        f.bus.signalMsi(msiAddress(1, false), DM_INIT << 8);
        assertEquals(LocalApic.INIT_EVENT, cpu[1].takeStartupEvent());
        f.bus.signalMsi(msiAddress(2, false), DM_SMI << 8);
        assertFalse(cpu[2].startupEventPending());
        assertFalse(cpu[2].nmiPending());
    }

    @Test
    void msiOutsideTheInterruptWindowIsIgnored() {
        f.bus.signalMsi(0xFED0_0000L | 1 << 12, 0x45);
        f.bus.signalMsi(0x1_FEE0_0000L | 1 << 12, 0x45);
        assertEquals(-1, cpu[1].pendingVector());
    }

    @Test
    void extIntMessageAsksThePicOnAcceptance() {
        f.picVectors.add(0x28);
        f.bus.signalMsi(msiAddress(2, false), DM_EXTINT << 8);
        assertEquals(0, f.picAcks.get(), "the PIC is asked only when the processor takes it");
        assertEquals(0x28, cpu[2].pendingVector());
        assertEquals(0x28, cpu[2].pendingVector(), "the acknowledged vector is latched until taken");
        cpu[2].acknowledge(0x28);
        assertEquals(1, f.picAcks.get());
        assertEquals(0, reg(cpu[2], ISR + 0x10), "ExtINT vectors bypass ISR");
        assertEquals(-1, cpu[2].pendingVector());
    }

    @Test
    void requestsFromTheChipset() {
        f.bus.deliver(new InterruptRequest.Fixed(1, false, 0x33, false));
        assertEquals(0x33, take(cpu[1]));
        f.bus.deliver(new InterruptRequest.LowestPriority(0xFF, false, 0x34, false));
        assertEquals(0x34, take(cpu[0]), "all PPRs 0: the first APIC wins the first round");
        f.bus.deliver(new InterruptRequest.Nmi(2, false));
        assertTrue(cpu[2].nmiPending());
        f.bus.deliver(new InterruptRequest.Init(2, false));
        f.bus.deliver(new InterruptRequest.StartupIpi(2, false, 0x9F));
        assertEquals(LocalApic.INIT_EVENT, cpu[2].takeStartupEvent());
        assertEquals(0x9F, cpu[2].takeStartupEvent());
    }

    @Test
    void picOutputReachesTheBspThroughLint0ExtInt() {
        int apKicks = f.kicks(1);
        f.picVectors.add(0x20);
        f.bus.setPicOutput(true);
        assertEquals(apKicks, f.kicks(1), "AP LINT0 is masked: no kick");
        assertEquals(-1, cpu[1].pendingVector());
        assertEquals(0x20, cpu[0].pendingVector());
        cpu[0].acknowledge(0x20);
        assertEquals(1, f.picAcks.get());
        f.bus.setPicOutput(false);
        assertEquals(-1, cpu[0].pendingVector());
        assertEquals(1, f.picAcks.get());
    }

    @Test
    void apicVectorsGoBeforeTheNextExtInt() {
        cpu[0].deliverFixed(0x41, false);
        f.picVectors.add(0x20);
        f.bus.setPicOutput(true);
        assertEquals(0x41, take(cpu[0]));
        assertEquals(0, f.picAcks.get());
        assertEquals(0x20, take(cpu[0]), "ExtINT is not held back by the processor priority");
    }

    @Test
    void spuriousPicAnswerLeavesNothingPending() {
        f.bus.setPicOutput(true);
        assertEquals(-1, cpu[0].pendingVector());
        assertEquals(1, f.picAcks.get());
    }

    @Test
    void maskedLint0IgnoresThePic() {
        cpu[0].mmioWrite(LVT_LINT0, 4, MASKED | 0x700);
        f.bus.setPicOutput(true);
        assertEquals(-1, cpu[0].pendingVector());
        assertEquals(0, f.picAcks.get());
    }

    @Test
    void hardwareDisabledApicPassesThePicAndNmiPinsStraightThrough() {
        LocalApic a = cpu[1];
        assertTrue(a.writeMsr(MSR_APIC_BASE, 0xFEE0_0000L));
        assertFalse(a.mmioEnabled());
        a.deliverFixed(0x50, false);
        f.bus.signalMsi(msiAddress(1, false), DM_NMI << 8);
        assertFalse(a.nmiPending(), "a disabled APIC takes no messages");
        f.picVectors.add(0x21);
        f.bus.setPicOutput(true);
        assertEquals(0x21, take(a));
        a.setLint1(true);
        assertTrue(a.nmiPending());
    }

    @Test
    void lint1NmiAndLint0FixedAreEdgeTriggered() {
        LocalApic a = cpu[1];
        a.mmioWrite(LVT_LINT1, 4, DM_NMI << 8);
        a.setLint1(true);
        assertTrue(a.nmiPending());
        a.acknowledgeNmi();
        a.setLint1(true);
        assertFalse(a.nmiPending(), "no new edge");
        a.mmioWrite(LVT_LINT0, 4, 0x46);
        a.setLint0(true);
        a.setLint0(true);
        assertEquals(0x46, take(a));
        eoi(a);
        assertEquals(-1, a.pendingVector());
    }

    @Test
    void nmiInputIgnoresApicState() {
        f.bus.nmi(2);
        assertTrue(cpu[2].nmiPending());
        f.bus.nmi(7);
        assertFalse(cpu[0].nmiPending());
    }

    @Test
    void duplicateApicIdIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> f.bus.addApic(1, false, () -> { }));
        assertSame(cpu[2], f.bus.apic(2));
        assertEquals(3, f.bus.apics().size());
    }
}
