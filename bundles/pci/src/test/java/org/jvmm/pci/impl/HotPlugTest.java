package org.jvmm.pci.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.PciAttachException;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.pci.api.BarSpec;
import org.jvmm.pci.api.PciRegisters;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.pci.resources.PcieRootPortConfig;
import org.jvmm.pci.testing.Msi;
import org.jvmm.pci.testing.RegisterBar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** pciehp's view: rp0 (00:01.0) with hot-plug, rp1 (00:02.0) without. */
class HotPlugTest {
    private static final int PDS = 1 << 6;
    private static final int PDC = 1 << 3;
    private static final int CC = 1 << 4;
    private static final int DLLSC = 1 << 8;
    private static final int HPIE = 1 << 5;
    private static final int PDCE = 1 << 3;
    private static final int CCIE = 1 << 4;
    private static final int DLLSCE = 1 << 12;
    private final RootComplexFixture f = new RootComplexFixture(PcieRootComplexHandle.of("rc0")
            .withRootPort(new PcieRootPortConfig("rp0", null, true))
            .withRootPort(new PcieRootPortConfig("rp1", null, false)));
    private int pcie;
    private int msi;

    @BeforeEach
    void guestEnablesPciehp() {
        pcie = f.capability(0, 1, 0, PciRegisters.CAP_PCIE);
        msi = f.capability(0, 1, 0, PciRegisters.CAP_MSI);
        assertTrue(f.rc.guestStarted());
        f.cf8Write(0, 1, 0, msi + 4, 4, 0xFEE0_0000L);
        f.cf8Write(0, 1, 0, msi + 12, 2, 0x4031);
        f.cf8Write(0, 1, 0, msi + 2, 2, 1);
        assertEquals(0, slotStatus(), "empty slot, no stale events");
        f.cf8Write(0, 1, 0, pcie + 0x18, 2, HPIE | PDCE | DLLSCE | CCIE);
    }

    @Test
    void slotControlWritesCompleteACommand() {
        assertEquals(CC, slotStatus() & CC);
        assertEquals(List.of(new Msi(0xFEE0_0000L, 0x4031)), f.msis, "command completed interrupt");
        f.cf8Write(0, 1, 0, pcie + 0x1A, 2, CC);
        assertEquals(0, slotStatus() & CC, "write one to clear");
        assertEquals(HPIE | PDCE | DLLSCE | CCIE, f.cf8(0, 1, 0, pcie + 0x18) & 0xFFFF, "the control stuck");
    }

    @Test
    void hotAddRaisesPresenceAndLinkEventsWithAnInterrupt() throws Exception {
        clearEvents();
        f.msis.clear();
        TestDevice d = new TestDevice("hot", BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000)));
        assertEquals(new PciAddress(1, 0, 0), f.rc.attach(PciPlacement.port("rp0"), d));
        assertEquals(PDS | PDC | DLLSC, slotStatus());
        assertTrue((f.cf8(0, 1, 0, pcie + 0x10) >>> 16 & 1 << 13) != 0, "data link layer active");
        assertEquals(1, f.msis.size());
        assertEquals(0x1050_1AF4, f.cf8(1, 0, 0, 0x00), "the device answers behind the port");
        assertEquals(0, f.cf8(1, 0, 0, 0x10), "hot-added BARs are the guest's to assign");
        assertEquals(0, f.cf8(1, 0, 0, 0x04) & 0xFFFF);
        f.cf8Write(0, 1, 0, pcie + 0x1A, 2, PDC | DLLSC);
        assertEquals(PDS, slotStatus());
        assertEquals(1, f.msis.size(), "clearing raises nothing");
    }

    @Test
    void hotRemoveIsASurpriseRemoval() throws Exception {
        TestDevice d = new TestDevice("hot", BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000)));
        f.rc.attach(PciPlacement.port("rp0"), d);
        f.cf8Write(1, 0, 0, 0x10, 4, 0xC000_0000L);
        f.cf8Write(1, 0, 0, 0x04, 2, PciRegisters.COMMAND_MEMORY);
        assertTrue(d.config.barMapped(0));
        clearEvents();
        f.msis.clear();
        f.rc.detach(d);
        assertEquals(PDC | DLLSC, slotStatus(), "presence lost, link down");
        assertEquals(0, f.cf8(0, 1, 0, pcie + 0x10) >>> 16 & 1 << 13);
        assertEquals(1, f.msis.size());
        assertEquals(0xFFFF_FFFF, f.cf8(1, 0, 0, 0x00));
        assertTrue(f.mmio.mapped.isEmpty(), "its BAR is gone");
        assertThrows(PciAttachException.class, () -> f.rc.detach(d));
        f.rc.attach(PciPlacement.port("rp0"), d);
        assertEquals(PDS | PDC | DLLSC, slotStatus(), "and it can come back");
    }

    @Test
    void withoutMsiTheSlotUsesIntxOfThePort() throws Exception {
        f.cf8Write(0, 1, 0, msi + 2, 2, 0);
        clearEvents();
        assertFalse(f.line(21).level);
        f.rc.attach(PciPlacement.port("rp0"), new TestDevice("hot"));
        assertTrue(f.line(21).level, "00:01.0 INTA -> GSI 21");
        assertTrue((f.cf8(0, 1, 0, 0x04) >>> 16 & PciRegisters.STATUS_INTERRUPT) != 0);
        clearEvents();
        assertFalse(f.line(21).level);
    }

    @Test
    void whileTheGuestRunsOnlyHotPlugPortsTakeDevices() {
        PciAttachException e = assertThrows(PciAttachException.class,
                () -> f.rc.attach(PciPlacement.port("rp1"), new TestDevice("x")));
        assertTrue(e.getMessage().contains("port rp1") && e.getMessage().contains("no hot-plug"), e.getMessage());
        assertThrows(PciAttachException.class, () -> f.rc.attach(PciPlacement.rootBus(), new TestDevice("y")));
        e = assertThrows(PciAttachException.class, () -> f.rc.attach(PciPlacement.port("nope"), new TestDevice("z")));
        assertTrue(e.getMessage().contains("ports: rp0, rp1"), e.getMessage());
    }

    @Test
    void disabledSlotInterruptsLeaveEventsPending() throws Exception {
        f.cf8Write(0, 1, 0, pcie + 0x18, 2, PDCE | DLLSCE);
        clearEvents();
        f.msis.clear();
        f.rc.attach(PciPlacement.port("rp0"), new TestDevice("hot"));
        assertEquals(PDS | PDC | DLLSC | CC, slotStatus() | CC);
        assertTrue(f.msis.isEmpty(), "HPIE is off");
        f.cf8Write(0, 1, 0, pcie + 0x18, 2, HPIE | PDCE | DLLSCE);
        assertEquals(1, f.msis.size(), "enabling with events pending raises one");
    }

    private int slotStatus() {
        return f.cf8(0, 1, 0, pcie + 0x18) >>> 16;
    }

    private void clearEvents() {
        f.cf8Write(0, 1, 0, pcie + 0x1A, 2, 0x1FF & ~PDS);
    }
}
