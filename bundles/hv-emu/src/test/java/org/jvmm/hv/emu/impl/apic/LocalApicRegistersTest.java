package org.jvmm.hv.emu.impl.apic;

import static org.jvmm.hv.emu.impl.apic.ApicFixture.msr;
import static org.jvmm.hv.emu.impl.apic.ApicFixture.reg;
import static org.jvmm.hv.emu.impl.apic.ApicRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.Test;

class LocalApicRegistersTest {
    private final ApicFixture f = new ApicFixture();
    private final LocalApic bsp = f.add(0);
    private final LocalApic ap = f.add(3);

    @Test
    void resetValuesFollowTheSdm() {
        assertEquals(3L << 24, reg(ap, ID));
        assertEquals(0x50014, reg(ap, VERSION));
        assertEquals(0, reg(ap, TPR));
        assertEquals(0, reg(ap, PPR));
        assertEquals(0, reg(ap, LDR));
        assertEquals(0xFFFF_FFFFL, reg(ap, DFR));
        assertEquals(0xFF, reg(ap, SVR));
        assertEquals(0, reg(ap, ESR));
        for (int off = LVT_TIMER; off <= LVT_ERROR; off += 0x10) {
            assertEquals(MASKED, reg(ap, off), "LVT 0x" + Integer.toHexString(off));
        }
        for (int i = 0; i < 8; i++) {
            assertEquals(0, reg(ap, IRR + i * 16));
            assertEquals(0, reg(ap, ISR + i * 16));
            assertEquals(0, reg(ap, TMR + i * 16));
        }
        assertEquals(0, reg(ap, TIMER_INITIAL));
        assertEquals(0, reg(ap, TIMER_CURRENT));
        assertEquals(0, reg(ap, TIMER_DIVIDE));
    }

    @Test
    void apicBaseMarksTheBspAndEnablesXapic() {
        assertEquals(0xFEE0_0900L, msr(bsp, MSR_APIC_BASE));
        assertEquals(0xFEE0_0800L, msr(ap, MSR_APIC_BASE));
        assertTrue(bsp.mmioEnabled());
        assertEquals(0xFEE0_0000L, bsp.mmioBase());
        assertTrue(bsp.isBsp());
        assertFalse(ap.isBsp());
    }

    @Test
    void bspLint0StartsInVirtualWireMode() {
        assertEquals(0x700, reg(bsp, LVT_LINT0));
        assertEquals(MASKED, reg(ap, LVT_LINT0));
    }

    @Test
    void idIsReadOnlyAndLdrDfrKeepOnlyTheirFields() {
        ap.mmioWrite(ID, 4, 7L << 24);
        assertEquals(3L << 24, reg(ap, ID));
        ap.mmioWrite(LDR, 4, 0x1234_5678);
        assertEquals(0x1200_0000L, reg(ap, LDR));
        ap.mmioWrite(DFR, 4, 0);
        assertEquals(0x0FFF_FFFFL, reg(ap, DFR));
        ap.mmioWrite(VERSION, 4, 0);
        assertEquals(0x50014, reg(ap, VERSION));
    }

    @Test
    void narrowAndWideAccessesBehaveLikeHardware() {
        assertEquals(0x14, ap.mmioRead(VERSION, 1));
        assertEquals(0x05, ap.mmioRead(VERSION + 2, 1));
        assertEquals(0x0014, ap.mmioRead(VERSION, 2));
        assertEquals(0x50014, ap.mmioRead(VERSION, 8), "8-byte read: register plus reserved zeros");
        assertEquals(0, ap.mmioRead(VERSION + 4, 4), "bytes 4..15 of a register read zero");
        assertEquals(0, ap.mmioRead(0x10, 4), "reserved offset");
        ap.mmioWrite(TPR, 2, 0x50);
        ap.mmioWrite(TPR + 1, 4, 0x50);
        assertEquals(0, reg(ap, TPR), "only aligned 32-bit writes count");
        ap.mmioWrite(TPR, 4, 0xFFFF_FF50L);
        assertEquals(0x50, reg(ap, TPR));
    }

    @Test
    void softwareDisabledApicForcesLvtMasks() {
        ap.mmioWrite(LVT_LINT1, 4, 0x400);
        assertEquals(MASKED | 0x400, reg(ap, LVT_LINT1));
        ap.mmioWrite(SVR, 4, 0x1FF);
        ap.mmioWrite(LVT_LINT1, 4, 0x400);
        ap.mmioWrite(LVT_ERROR, 4, 0x0002_F7FE);
        assertEquals(0x400, reg(ap, LVT_LINT1));
        assertEquals(0xFE, reg(ap, LVT_ERROR), "error LVT keeps only vector and mask");
        ap.mmioWrite(SVR, 4, 0x0FF);
        assertEquals(MASKED | 0x400, reg(ap, LVT_LINT1), "clearing SVR.8 masks every LVT");
        assertEquals(MASKED | 0xFE, reg(ap, LVT_ERROR));
    }

    @Test
    void svrKeepsVectorEnableAndFocusBits() {
        ap.mmioWrite(SVR, 4, 0xFFFF_FFFFL);
        assertEquals(0x3FF, reg(ap, SVR), "no directed-EOI bit 12: the version does not offer it");
    }

    @Test
    void cr8MirrorsTprBits7To4() {
        ap.setCr8(0x9);
        assertEquals(0x90, reg(ap, TPR));
        ap.mmioWrite(TPR, 4, 0xA7);
        assertEquals(0xA, ap.cr8());
    }

    @Test
    void icrKeepsDestinationAndCommandFields() {
        ap.mmioWrite(ICR_HIGH, 4, 0xFFFF_FFFFL);
        assertEquals(0xFF00_0000L, reg(ap, ICR_HIGH));
        ap.mmioWrite(ICR_LOW, 4, 0x000C_4400 | 0x3000); // NMI to all-but-self; bits 12 and 13 dropped
        assertEquals(0x000C_4400, reg(ap, ICR_LOW));
        assertTrue(bsp.nmiPending());
        assertFalse(ap.nmiPending());
    }

    @Test
    void inspectShowsStateAndLvts() {
        ap.mmioWrite(SVR, 4, 0x1FF);
        ap.deliverFixed(0x41, false);
        ap.mmioWrite(TPR, 4, 0x20);
        InspectNode node = new InspectNode();
        f.bus.inspect(node);
        assertEquals(3, node.at("3/id").orElseThrow());
        assertEquals("xapic", node.at("3/mode").orElseThrow());
        assertEquals("0x41", node.at("3/irr").orElseThrow());
        assertEquals("0x20", node.at("3/tpr").orElseThrow().toString());
        assertEquals("one-shot", node.at("3/timer/mode").orElseThrow());
        assertEquals("0x700", node.at("0/lvt/lint0").orElseThrow().toString());
    }
}
