package org.jvmm.pci.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

/**
 * The attention-button removal as Linux's pciehp drives it: rp0 (00:01.0) with hot-plug, rp1
 * (00:02.0) without; the guest enables button, link and command-completed events (no presence
 * detect events, as pciehp does when the slot has a button), powers slots on to add and off to
 * remove.
 */
class OrderlyRemovalTest {
    private static final int ABP = 1;
    private static final int PDC = 1 << 3;
    private static final int CC = 1 << 4;
    private static final int PDS = 1 << 6;
    private static final int DLLSC = 1 << 8;
    private static final int ABPE = 1;
    private static final int CCIE = 1 << 4;
    private static final int HPIE = 1 << 5;
    private static final int DLLSCE = 1 << 12;
    private static final int AIC = 3 << 6;
    private static final int PIC = 3 << 8;
    private static final int PCC = 1 << 10;
    private static final int PIC_ON = 1 << 8;
    private static final int PIC_BLINK = 2 << 8;
    private static final int PIC_OFF = 3 << 8;
    private static final int AIC_OFF = 3 << 6;
    private static final Duration LONG = Duration.ofSeconds(30);
    private final RootComplexFixture f = new RootComplexFixture(PcieRootComplexHandle.of("rc0")
            .withRootPort(new PcieRootPortConfig("rp0", null, true))
            .withRootPort(new PcieRootPortConfig("rp1", null, false)));
    private final TestDevice device = new TestDevice("hot", BarSpec.memory32(0, 0x1000, false,
            new RegisterBar(0x1000)));
    private int pcie;

    @BeforeEach
    void guestEnablesPciehp() {
        pcie = f.capability(0, 1, 0, PciRegisters.CAP_PCIE);
        int msi = f.capability(0, 1, 0, PciRegisters.CAP_MSI);
        f.cf8Write(0, 1, 0, msi + 4, 4, 0xFEE0_0000L);
        f.cf8Write(0, 1, 0, msi + 12, 2, 0x4031);
        f.cf8Write(0, 1, 0, msi + 2, 2, 1);
        slotControl(HPIE | ABPE | DLLSCE | CCIE, HPIE | ABPE | DLLSCE | CCIE);
        clearEvents();
        f.msis.clear();
    }

    @Test
    void hotPlugSlotsHaveAButtonAPowerControllerAndIndicators() {
        assertEquals(0x7B, f.cf8(0, 1, 0, pcie + 0x14) & 0x7F, "ABP, PCP, AIP, PIP, HPS, HPC; no MRL sensor");
        int rp1 = f.capability(0, 2, 0, PciRegisters.CAP_PCIE);
        assertEquals(0, f.cf8(0, 2, 0, rp1 + 0x14) & 0x7F, "rp1 has no hot-plug");
        assertEquals(PCC | PIC_OFF | AIC_OFF, slotControl() & (PCC | PIC | AIC), "an empty slot starts powered off");
    }

    @Test
    void anOccupiedSlotStartsPoweredWithItsPowerIndicatorOn() throws Exception {
        RootComplexFixture cold = new RootComplexFixture(f.handle);
        cold.rc.attach(PciPlacement.port("rp0"), new TestDevice("cold"));
        int cap = cold.capability(0, 1, 0, PciRegisters.CAP_PCIE);
        assertEquals(PIC_ON | AIC_OFF, cold.cf8(0, 1, 0, cap + 0x18) & (PCC | PIC | AIC));
        cold.rc.reset();
        assertEquals(PIC_ON | AIC_OFF, cold.cf8(0, 1, 0, cap + 0x18) & (PCC | PIC | AIC), "and again after a reset");
    }

    @Test
    void aHotAddIsSeenAtOnceAndWorksOnceTheGuestPowersTheSlot() throws Exception {
        f.rc.attach(PciPlacement.port("rp0"), device);
        assertEquals(PDS | PDC | DLLSC, slotStatus());
        assertEquals(1, f.msis.size(), "link up: a DLL state change interrupt without presence detect events");
        assertEquals(0x1050_1AF4, f.cf8(1, 0, 0, 0x00), "reachable before power-on, as pciehp expects");
        powerOn();
        assertEquals(0x1050_1AF4, f.cf8(1, 0, 0, 0x00));
    }

    @Test
    void theGuestReleasesTheDeviceThenPowersTheSlotOffAndOnlyThenItLeaves() throws Exception {
        addAndPowerOn();
        f.cf8Write(1, 0, 0, 0x10, 4, 0xC000_0000L);
        f.cf8Write(1, 0, 0, 0x04, 2, PciRegisters.COMMAND_MEMORY);
        assertTrue(device.config.barMapped(0));
        CompletableFuture<Void> gone = f.rc.requestDetach(device, LONG);
        assertEquals(PDS | ABP, slotStatus(), "attention button pressed");
        assertEquals(List.of(new Msi(0xFEE0_0000L, 0x4031)), f.msis, "with a hot-plug interrupt");
        f.cf8Write(0, 1, 0, pcie + 0x1A, 2, ABP);
        slotControl(PIC_BLINK | AIC_OFF, PIC | AIC);
        assertEquals(0x1050_1AF4, f.cf8(1, 0, 0, 0x00), "the driver unbinds while the device still works");
        assertFalse(gone.isDone());
        clearEvents();
        slotControl(PCC, PCC);
        assertEquals(PDC | DLLSC | CC, slotStatus(), "presence and link lost once the power is off");
        assertEquals(0xFFFF_FFFF, f.cf8(1, 0, 0, 0x00));
        assertEquals(0, f.cf8(0, 1, 0, pcie + 0x10) >>> 16 & 1 << 13, "data link layer inactive");
        assertTrue(f.mmio.mapped.isEmpty(), "its BAR is gone");
        gone.get(5, TimeUnit.SECONDS);
        assertThrows(PciAttachException.class, () -> f.rc.detach(device));
        slotControl(PIC_OFF, PIC);
        assertEquals(PCC | PIC_OFF | AIC_OFF, slotControl() & (PCC | PIC | AIC));
    }

    @Test
    void aGuestThatDoesNotAnswerGetsASurpriseRemovalAfterTheTimeout() throws Exception {
        addAndPowerOn();
        CompletableFuture<Void> gone = f.rc.requestDetach(device, Duration.ofMillis(50));
        assertEquals(0x1050_1AF4, f.cf8(1, 0, 0, 0x00));
        gone.get(10, TimeUnit.SECONDS);
        assertEquals(0xFFFF_FFFF, f.cf8(1, 0, 0, 0x00));
        assertEquals(ABP | PDC | DLLSC, slotStatus() & ~CC, "presence and link lost with the button still pending");
    }

    @Test
    void aDeviceCanBeAddedAgainAfterAnOrderlyRemoval() throws Exception {
        addAndPowerOn();
        CompletableFuture<Void> gone = f.rc.requestDetach(device, LONG);
        slotControl(PCC | PIC_OFF, PCC | PIC);
        gone.get(5, TimeUnit.SECONDS);
        clearEvents();
        f.msis.clear();
        TestDevice next = new TestDevice("next");
        f.rc.attach(PciPlacement.port("rp0"), next);
        assertEquals(PDS | PDC | DLLSC, slotStatus());
        assertEquals(1, f.msis.size());
        assertEquals(0x1050_1AF4, f.cf8(1, 0, 0, 0x00));
        powerOn();
        assertEquals(0x1050_1AF4, f.cf8(1, 0, 0, 0x00), "powering on does not take it away again");
        assertThrows(PciAttachException.class, () -> f.rc.detach(device));
        f.rc.detach(next);
    }

    @Test
    void aSlotTheGuestHasAlreadyPoweredOffIsEmptiedAtOnce() throws Exception {
        f.rc.attach(PciPlacement.port("rp0"), device);
        clearEvents();
        f.msis.clear();
        CompletableFuture<Void> gone = f.rc.requestDetach(device, LONG);
        gone.get(5, TimeUnit.SECONDS);
        assertEquals(PDC | DLLSC, slotStatus(), "no button press: nothing in the guest uses an unpowered slot");
        assertEquals(0xFFFF_FFFF, f.cf8(1, 0, 0, 0x00));
    }

    @Test
    void askingTwicePressesOnceAndDetachEndsTheRequest() throws Exception {
        addAndPowerOn();
        CompletableFuture<Void> first = f.rc.requestDetach(device, LONG);
        f.cf8Write(0, 1, 0, pcie + 0x1A, 2, ABP);
        CompletableFuture<Void> second = f.rc.requestDetach(device, LONG);
        assertEquals(PDS, slotStatus(), "no second press (it would cancel the guest's removal)");
        assertEquals(1, f.msis.size());
        f.rc.detach(device);
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);
        assertEquals(0xFFFF_FFFF, f.cf8(1, 0, 0, 0x00));
    }

    @Test
    void aResetEndsAPendingRemovalWithTheDeviceGone() throws Exception {
        addAndPowerOn();
        CompletableFuture<Void> gone = f.rc.requestDetach(device, LONG);
        f.rc.reset();
        gone.get(5, TimeUnit.SECONDS);
        assertEquals(0xFFFF_FFFF, f.cf8(1, 0, 0, 0x00), "the rebooted guest finds an empty slot");
        assertEquals(PCC | PIC_OFF | AIC_OFF, slotControl() & (PCC | PIC | AIC));
        assertEquals(0, slotStatus());
    }

    @Test
    void onlyAttachedDevicesBehindHotPlugPortsCanBeAskedFor() throws Exception {
        assertThrows(PciAttachException.class, () -> f.rc.requestDetach(device, LONG));
        RootComplexFixture cold = new RootComplexFixture(f.handle);
        TestDevice fixed = new TestDevice("fixed");
        cold.rc.attach(PciPlacement.port("rp1"), fixed);
        assertEquals(0x1050_1AF4, cold.cf8(2, 0, 0, 0x00), "rp1's secondary bus is 2");
        PciAttachException e = assertThrows(PciAttachException.class, () -> cold.rc.requestDetach(fixed, LONG));
        assertTrue(e.getMessage().contains("not behind a hot-plug port"), e.getMessage());
    }

    @Test
    void beforeTheGuestStartsARequestIsAPlainRemoval() throws Exception {
        RootComplexFixture cold = new RootComplexFixture(f.handle);
        TestDevice d = new TestDevice("cold");
        cold.rc.attach(PciPlacement.port("rp1"), d);
        assertTrue(cold.rc.requestDetach(d, LONG).isDone());
        assertEquals(0xFFFF_FFFF, cold.cf8(2, 0, 0, 0x00));
    }

    private void addAndPowerOn() throws PciAttachException {
        f.rc.attach(PciPlacement.port("rp0"), device);
        powerOn();
        clearEvents();
        f.msis.clear();
    }

    /** What pciehp does for a link-up event: power on, blink, then on once the driver is bound. */
    private void powerOn() {
        slotControl(0, PCC);
        slotControl(PIC_BLINK, PIC);
        slotControl(PIC_ON | AIC_OFF, PIC | AIC);
    }

    private void slotControl(int value, int mask) {
        f.cf8Write(0, 1, 0, pcie + 0x18, 2, slotControl() & ~mask | value & mask);
    }

    private int slotControl() {
        return f.cf8(0, 1, 0, pcie + 0x18) & 0xFFFF;
    }

    private int slotStatus() {
        return f.cf8(0, 1, 0, pcie + 0x18) >>> 16;
    }

    private void clearEvents() {
        f.cf8Write(0, 1, 0, pcie + 0x1A, 2, 0x1FF & ~PDS);
    }
}
