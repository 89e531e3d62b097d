package org.jvmm.hv.emu.impl.apic;

import static org.jvmm.hv.emu.impl.apic.ApicFixture.enterX2apic;
import static org.jvmm.hv.emu.impl.apic.ApicFixture.msr;
import static org.jvmm.hv.emu.impl.apic.ApicFixture.msrFaults;
import static org.jvmm.hv.emu.impl.apic.ApicFixture.take;
import static org.jvmm.hv.emu.impl.apic.ApicRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class X2ApicMsrTest {
    private static final int X2_ID = 0x802, X2_VERSION = 0x803, X2_TPR = 0x808, X2_APR = 0x809, X2_PPR = 0x80A,
            X2_EOI = 0x80B, X2_LDR = 0x80D, X2_DFR = 0x80E, X2_SVR = 0x80F, X2_ISR = 0x810, X2_IRR = 0x820,
            X2_ESR = 0x828, X2_CMCI = 0x82F, X2_ICR = 0x830, X2_ICR2 = 0x831, X2_LVT_TIMER = 0x832,
            X2_LINT0 = 0x835, X2_CURRENT = 0x839, X2_DIVIDE = 0x83E, X2_SELF_IPI = 0x83F;

    private final ApicFixture f = new ApicFixture();
    private final LocalApic[] cpu = {f.add(0x10), f.add(0x11), f.add(0x12), f.add(0x23)};

    private void allX2apicEnabled() {
        for (LocalApic a : cpu) {
            enterX2apic(a);
            assertTrue(a.writeMsr(X2_SVR, 0x1FF));
        }
    }

    @Test
    void x2apicMsrsFaultInXapicMode() {
        assertTrue(msrFaults(cpu[0], X2_ID));
        assertFalse(cpu[0].writeMsr(X2_TPR, 0));
        assertTrue(LocalApic.ownsMsr(X2_ID));
        assertTrue(LocalApic.ownsMsr(MSR_APIC_BASE));
        assertFalse(LocalApic.ownsMsr(0x900));
    }

    @Test
    void idAndLogicalIdInX2apicMode() {
        LocalApic a = cpu[3];
        enterX2apic(a);
        assertFalse(a.mmioEnabled(), "the MMIO page stops decoding");
        assertEquals(0, a.mmioRead(ID, 4));
        assertEquals(0x23, msr(a, X2_ID));
        assertEquals(0x50014, msr(a, X2_VERSION));
        assertEquals(2L << 16 | 1 << 3, msr(a, X2_LDR));
        assertEquals(0xFEE0_0C00L, msr(a, MSR_APIC_BASE));
    }

    @Test
    void readOnlyWriteOnlyAndMissingRegistersFault() {
        LocalApic a = cpu[0];
        enterX2apic(a);
        for (int m : new int[] {X2_EOI, X2_SELF_IPI, X2_DFR, X2_ICR2, X2_APR, X2_CMCI, 0x800, 0x80C, 0x8FF}) {
            assertTrue(msrFaults(a, m), "rdmsr 0x" + Integer.toHexString(m));
        }
        for (int m : new int[] {X2_ID, X2_VERSION, X2_PPR, X2_LDR, X2_ISR, X2_IRR + 7, X2_CURRENT, X2_DFR, X2_ICR2,
                X2_CMCI, X2_APR}) {
            assertFalse(a.writeMsr(m, 0), "wrmsr 0x" + Integer.toHexString(m));
        }
    }

    @Test
    void reservedBitsFault() {
        LocalApic a = cpu[0];
        enterX2apic(a);
        assertFalse(a.writeMsr(X2_TPR, 0x100));
        assertFalse(a.writeMsr(X2_TPR, 1L << 32));
        assertFalse(a.writeMsr(X2_EOI, 1));
        assertFalse(a.writeMsr(X2_ESR, 1));
        assertFalse(a.writeMsr(X2_SVR, 0x11FF), "no directed EOI: SVR bit 12 is reserved");
        assertFalse(a.writeMsr(X2_LINT0, 0x2_0000 | 0x700));
        assertFalse(a.writeMsr(X2_LVT_TIMER, 0x700 | 0x30), "no delivery mode field in the timer LVT");
        assertFalse(a.writeMsr(X2_DIVIDE, 4));
        assertFalse(a.writeMsr(X2_ICR, 1 << 12 | 0x40), "delivery status is reserved in x2APIC");
        assertFalse(a.writeMsr(X2_SELF_IPI, 0x140));
        assertTrue(a.writeMsr(X2_TPR, 0x20));
        assertEquals(0x20, msr(a, X2_TPR));
        assertTrue(a.writeMsr(X2_EOI, 0));
        assertTrue(a.writeMsr(X2_ESR, 0));
        assertTrue(a.writeMsr(X2_LINT0, REMOTE_IRR | MASKED | 0x700), "read-only bits written back are fine");
    }

    @Test
    void selfIpiAndIcrAs64Bits() {
        allX2apicEnabled();
        assertTrue(cpu[1].writeMsr(X2_SELF_IPI, 0x66));
        assertEquals(0x66, take(cpu[1]));
        assertEquals(1L << 6, msr(cpu[1], X2_ISR + 3));
        assertTrue(cpu[1].writeMsr(X2_EOI, 0));
        assertTrue(cpu[0].writeMsr(X2_ICR, 0x23L << 32 | 0x4000 | 0x77));
        assertEquals(0x23L << 32 | 0x4077, msr(cpu[0], X2_ICR));
        assertEquals(0x77, take(cpu[3]));
        assertEquals(-1, take(cpu[2]));
    }

    @Test
    void x2apicLogicalClusterAndBroadcast() {
        allX2apicEnabled();
        assertTrue(cpu[0].writeMsr(X2_ICR, (1L << 16 | 0b101) << 32 | ICR_LOGICAL | 0x81));
        assertArrayEquals(new int[] {0x81, -1, 0x81, -1},
                new int[] {take(cpu[0]), take(cpu[1]), take(cpu[2]), take(cpu[3])});
        assertTrue(cpu[0].writeMsr(X2_ICR, 0xFFFF_FFFFL << 32 | 0x92));
        assertArrayEquals(new int[] {0x92, 0x92, 0x92, 0x92},
                new int[] {take(cpu[0]), take(cpu[1]), take(cpu[2]), take(cpu[3])});
    }

    @Test
    void apicBaseTransitions() {
        LocalApic a = cpu[1];
        long base = 0xFEE0_0000L;
        assertFalse(a.writeMsr(MSR_APIC_BASE, base | BASE_EXTD), "EXTD without EN is invalid");
        assertFalse(a.writeMsr(MSR_APIC_BASE, base | BASE_ENABLE | 1), "reserved bit 0");
        assertFalse(a.writeMsr(MSR_APIC_BASE, base | BASE_ENABLE | 1 << 9), "reserved bit 9");
        assertFalse(a.writeMsr(MSR_APIC_BASE, base | BASE_ENABLE | 1L << 40), "beyond 40 physical bits");
        assertTrue(a.writeMsr(MSR_APIC_BASE, base | BASE_ENABLE | BASE_EXTD));
        assertFalse(a.writeMsr(MSR_APIC_BASE, base | BASE_ENABLE), "x2APIC to xAPIC is invalid");
        assertTrue(a.writeMsr(MSR_APIC_BASE, base), "x2APIC to disabled");
        assertFalse(a.writeMsr(MSR_APIC_BASE, base | BASE_ENABLE | BASE_EXTD), "disabled to x2APIC is invalid");
        assertTrue(a.writeMsr(MSR_APIC_BASE, 0xFED0_0000L | BASE_ENABLE | BASE_BSP), "BSP flag is ignored");
        assertEquals(0xFED0_0800L, msr(a, MSR_APIC_BASE));
        assertEquals(0xFED0_0000L, a.mmioBase());
        assertTrue(a.mmioEnabled());
    }

    @Test
    void hardwareDisableResetsTheRegisters() {
        LocalApic a = cpu[1];
        a.mmioWrite(SVR, 4, 0x1FF);
        a.mmioWrite(TPR, 4, 0x30);
        a.deliverFixed(0x40, false);
        assertTrue(a.writeMsr(MSR_APIC_BASE, 0xFEE0_0000L));
        assertTrue(a.writeMsr(MSR_APIC_BASE, 0xFEE0_0000L | BASE_ENABLE));
        assertEquals(0, a.mmioRead(TPR, 4));
        assertEquals(0xFF, a.mmioRead(SVR, 4));
        assertEquals(-1, a.pendingVector());
    }

    @Test
    void withoutX2apicTheExtdBitIsReserved() {
        ApicFixture g = new ApicFixture(1_000_000_000L, new ApicFeatures(false, true, 40));
        LocalApic a = g.add(0);
        assertFalse(a.writeMsr(MSR_APIC_BASE, 0xFEE0_0000L | BASE_ENABLE | BASE_EXTD | BASE_BSP));
    }
}
