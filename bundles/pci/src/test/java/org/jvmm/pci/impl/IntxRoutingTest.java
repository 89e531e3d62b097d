package org.jvmm.pci.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.chipset.api.PciHostInfo;
import org.jvmm.chipset.api.PciIntxRoute;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.pci.resources.PcieRootPortConfig;
import org.jvmm.pci.resources.PcieSwitchConfig;
import org.junit.jupiter.api.Test;

class IntxRoutingTest {
    private final RootComplexFixture f = new RootComplexFixture(PcieRootComplexHandle.of("rc0")
            .withRootPort(new PcieRootPortConfig("rp0", "6", false))
            .withSwitch(new PcieSwitchConfig("rp0", "sw", 4, false)));

    @Test
    void routesFollowTheSlotAndPinAndTheSwizzleBelowBridges() throws Exception {
        TestDevice root3 = new TestDevice("root3");
        TestDevice behindSwitch = new TestDevice("behind");
        f.rc.attach(PciPlacement.rootBus(3), root3);
        f.rc.attach(PciPlacement.port("sw-downstream-2"), behindSwitch);
        root3.config.setIntx(true);
        assertTrue(f.line(23).level, "00:03 INTA -> 20 + 3");
        behindSwitch.config.setIntx(true);
        assertTrue(f.line(20).level, "INTA of downstream port 2's device: (6 + 2) % 4 -> 20");
        assertEquals(20, f.cf8(5, 0, 0, 0x3C) & 0xFF, "the firmware wrote the same GSI (device on bus 5)");
    }

    @Test
    void sharedLinesAreWiredOr() throws Exception {
        TestDevice a = new TestDevice("a");
        TestDevice b = new TestDevice("b");
        f.rc.attach(PciPlacement.rootBus(1), a);
        f.rc.attach(PciPlacement.rootBus(5), b);
        a.config.setIntx(true);
        b.config.setIntx(true);
        assertTrue(f.line(21).level);
        a.config.setIntx(false);
        assertTrue(f.line(21).level, "b still asserts GSI 21");
        b.config.setIntx(false);
        assertFalse(f.line(21).level);
        b.config.setIntx(true);
        f.rc.detach(b);
        assertFalse(f.line(21).level, "a detached device lets go of its line");
    }

    @Test
    void hostInfoDescribesTheFirmwareTables() {
        PciHostInfo info = f.rc.info();
        assertEquals(128, info.intxRoutes().size());
        assertEquals(new PciIntxRoute(0, 1, 20), info.intxRoutes().get(0));
        assertEquals(new PciIntxRoute(6, 2, 23), info.intxRoutes().get(6 * 4 + 1));
        assertEquals(0x6FFFFL, info.intxRoutes().get(6 * 4).prtAddress());
        assertEquals(0xE000_0000L, info.ecamBase());
        assertEquals(0xE000_0000L, info.ecamRange().start());
        assertEquals(0xC000_0000L, info.lowMmio().start());
        assertEquals(0x2000_0000L, info.lowMmio().length());
        assertEquals(1L << 32, info.highMmio().orElseThrow().start(), "RAM ends below 4 GiB");
        assertEquals(0xC000, info.ioWindow().start());
        assertEquals(0xCF8, info.configPorts().start());
        assertEquals(8, info.configPorts().length());
        assertFalse(info.nativeHotPlug());
        assertEquals(java.util.List.of(20, 21, 22, 23), info.intxGsis());
    }
}
