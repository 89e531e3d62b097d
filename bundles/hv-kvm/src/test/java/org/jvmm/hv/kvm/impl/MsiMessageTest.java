package org.jvmm.hv.kvm.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.hv.api.InterruptRequest;
import org.junit.jupiter.api.Test;

/** Interrupt requests in the x86 MSI format KVM_SIGNAL_MSI takes. */
class MsiMessageTest {
    @Test
    void fixedAndLowestPriority() {
        MsiMessage f = MsiMessage.of(new InterruptRequest.Fixed(3, false, 0x31, true));
        assertEquals(new MsiMessage(0xFEE0_3000L, 0xC031), f);
        assertTrue(f.levelTriggered());
        MsiMessage l = MsiMessage.of(new InterruptRequest.LowestPriority(0x0F, true, 0x40, false));
        assertEquals(new MsiMessage(0xFEE0_F004L, 0x4140), l);
        assertTrue(l.logical());
        assertEquals(0x0F, l.destination());
        assertFalse(l.levelTriggered());
    }

    @Test
    void nmiInitSipiAndExtInt() {
        assertEquals(new MsiMessage(0xFEE0_1000L, 0x4400), MsiMessage.of(new InterruptRequest.Nmi(1, false)));
        assertEquals(new MsiMessage(0xFEE0_2000L, 0x4500), MsiMessage.of(new InterruptRequest.Init(2, false)));
        assertEquals(new MsiMessage(0xFEE0_2000L, 0x4609), MsiMessage.of(new InterruptRequest.StartupIpi(2, false, 9)));
        MsiMessage ext = MsiMessage.of(new InterruptRequest.ExtInt(0, false));
        assertEquals(MsiMessage.EXTINT, ext.deliveryMode());
    }

    @Test
    void anMsiPassesThroughAsItIs() {
        MsiMessage m = MsiMessage.of(new InterruptRequest.Msi(0xFEE0_100CL, 0x8721));
        assertEquals(new MsiMessage(0xFEE0_100CL, 0x8721), m);
        assertEquals(MsiMessage.EXTINT, m.deliveryMode());
        assertEquals(0x21, m.vector());
    }
}
