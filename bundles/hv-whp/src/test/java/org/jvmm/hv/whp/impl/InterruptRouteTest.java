package org.jvmm.hv.whp.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.whp.impl.ffm.WhpCodes;
import org.junit.jupiter.api.Test;

class InterruptRouteTest {
    private static InterruptRoute.Apic apic(InterruptRequest r) {
        return assertInstanceOf(InterruptRoute.Apic.class, InterruptRoute.of(r));
    }

    @Test
    void fixedKeepsModesAndVector() {
        InterruptRoute.Apic a = apic(new InterruptRequest.Fixed(3, true, 0x55, true));
        assertEquals(WhpCodes.WHvX64InterruptTypeFixed, a.type());
        assertTrue(a.logical());
        assertTrue(a.level());
        assertEquals(3, a.destination());
        assertEquals(0x55, a.vector());
    }

    @Test
    void nmiInitAndStartup() {
        assertEquals(WhpCodes.WHvX64InterruptTypeNmi, apic(new InterruptRequest.Nmi(0, false)).type());
        assertEquals(WhpCodes.WHvX64InterruptTypeInit, apic(new InterruptRequest.Init(1, false)).type());
        InterruptRoute.Apic sipi = apic(new InterruptRequest.StartupIpi(1, false, 0x9F));
        assertEquals(WhpCodes.WHvX64InterruptTypeSipi, sipi.type());
        assertEquals(0x9F, sipi.vector());
        assertFalse(sipi.level());
    }

    @Test
    void lowestPriorityWithAnIllegalVectorIsDropped() {
        assertEquals(WhpCodes.WHvX64InterruptTypeLowestPriority,
                apic(new InterruptRequest.LowestPriority(1, true, 0x40, false)).type());
        assertInstanceOf(InterruptRoute.Drop.class,
                InterruptRoute.of(new InterruptRequest.LowestPriority(1, true, 3, false)));
    }

    @Test
    void msiIsDecoded() {
        InterruptRoute.Apic a = apic(new InterruptRequest.Msi(0xFEE0_2000L, 0x8041));
        assertEquals(WhpCodes.WHvX64InterruptTypeFixed, a.type());
        assertEquals(2, a.destination());
        assertFalse(a.logical());
        assertTrue(a.level());
        assertEquals(0x41, a.vector());
        assertEquals(WhpCodes.WHvX64InterruptTypeNmi, apic(new InterruptRequest.Msi(0xFEE0_0000L, 0x0400)).type());
        assertEquals(WhpCodes.WHvX64InterruptTypeInit, apic(new InterruptRequest.Msi(0xFEE0_0000L, 0x0500)).type());
        assertEquals(new InterruptRoute.ExtInt(1, true), InterruptRoute.of(new InterruptRequest.Msi(0xFEE0_1004L, 0x0700)));
    }

    @Test
    void badMsisAreDroppedWithTheReason() {
        assertEquals(new InterruptRoute.Drop("MSI to 0xfed00000, outside the 0xFEEx_xxxx interrupt range"),
                InterruptRoute.of(new InterruptRequest.Msi(0xFED0_0000L, 0x41)));
        assertEquals(new InterruptRoute.Drop("MSI with illegal vector 15"),
                InterruptRoute.of(new InterruptRequest.Msi(0xFEE0_0000L, 0x0F)));
        assertEquals(new InterruptRoute.Drop("MSI with delivery mode 3 (reserved)"),
                InterruptRoute.of(new InterruptRequest.Msi(0xFEE0_0000L, 0x0341)));
    }

    @Test
    void extIntGoesToTheProcessor() {
        assertEquals(new InterruptRoute.ExtInt(0, false), InterruptRoute.of(new InterruptRequest.ExtInt(0, false)));
    }
}
