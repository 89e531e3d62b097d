package org.jvmm.pci.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.BarSpec;
import org.jvmm.pci.api.PciRegisters;
import org.jvmm.pci.impl.firmware.ResourceAssigner;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.pci.resources.PcieRootPortConfig;
import org.jvmm.pci.testing.RegisterBar;
import org.junit.jupiter.api.Test;

class FirmwareTest {
    private static final long LOW = 0xC000_0000L;
    private static final long LOW_END = 0xE000_0000L;
    private static final long HIGH = 1L << 32;
    private final RootComplexFixture f = new RootComplexFixture(PcieRootComplexHandle.of("rc0")
            .withRootPort(new PcieRootPortConfig("rp0", null, false))
            .withRootPort(new PcieRootPortConfig("hp", null, true)));

    @Test
    void rootBusEndpointsGetBarsInTheWindowsAndDecodingOn() throws Exception {
        TestDevice d = new TestDevice("d", BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000)),
                BarSpec.io(1, 0x20, new RegisterBar(0x20)), BarSpec.memory64(2, 0x4000, true, new RegisterBar(0x4000)));
        f.rc.attach(PciPlacement.rootBus(), d);
        int dev = 3;
        long bar0 = f.cf8(0, dev, 0, 0x10) & 0xFFFF_FFF0L;
        int bar1 = f.cf8(0, dev, 0, 0x14) & ~3;
        long bar2 = (f.cf8(0, dev, 0, 0x18) & 0xFFFF_FFF0L) | (long) f.cf8(0, dev, 0, 0x1C) << 32;
        assertTrue(bar0 >= LOW && bar0 + 0x1000 <= LOW_END, Long.toHexString(bar0));
        assertTrue(bar1 >= 0xC000 && bar1 + 0x20 <= 0x10000, Integer.toHexString(bar1));
        assertTrue(bar2 >= HIGH && bar2 < HIGH + (1L << 30), "64-bit prefetchable goes high: " + Long.toHexString(bar2));
        assertEquals(PciRegisters.COMMAND_IO | PciRegisters.COMMAND_MEMORY, f.cf8(0, dev, 0, 0x04) & 0x7);
        assertNotNull(f.mmio.at(bar0));
        assertNotNull(f.mmio.at(bar2 + 0x3FFF));
        assertTrue(d.config.barMapped(1));
        assertEquals(20 + dev % 4, f.cf8(0, dev, 0, 0x3C) & 0xFF, "interrupt line = GSI of INTA at device 3");
    }

    @Test
    void bridgeWindowsEncloseTheBarsBehindThem() throws Exception {
        TestDevice d = new TestDevice("d", BarSpec.memory32(0, 1 << 20, false, new RegisterBar(16)),
                BarSpec.memory64(2, 4L << 20, true, new RegisterBar(16)));
        f.rc.attach(PciPlacement.port("rp0"), d);
        long bar0 = f.cf8(1, 0, 0, 0x10) & 0xFFFF_FFF0L;
        long bar2 = (f.cf8(1, 0, 0, 0x18) & 0xFFFF_FFF0L) | (long) f.cf8(1, 0, 0, 0x1C) << 32;
        int mem = f.cf8(0, 1, 0, 0x20);
        long memBase = (mem & 0xFFF0L) << 16;
        long memLimit = (mem >>> 16 & 0xFFF0L) << 16 | 0xFFFFF;
        assertTrue(bar0 >= memBase && bar0 + (1 << 20) - 1 <= memLimit);
        int pref = f.cf8(0, 1, 0, 0x24);
        assertEquals(0x0001_0001, pref & 0x000F_000F, "64-bit prefetchable window");
        long prefBase = (long) f.cf8(0, 1, 0, 0x28) << 32 | (pref & 0xFFF0L) << 16;
        long prefLimit = (long) f.cf8(0, 1, 0, 0x2C) << 32 | (pref >>> 16 & 0xFFF0L) << 16 | 0xFFFFF;
        assertTrue(bar2 >= prefBase && bar2 + (4L << 20) - 1 <= prefLimit);
        assertEquals(0x00F0, f.cf8(0, 1, 0, 0x1C) & 0xFFFF, "no I/O behind rp0: window off");
        assertEquals(PciRegisters.COMMAND_IO | PciRegisters.COMMAND_MEMORY | PciRegisters.COMMAND_BUS_MASTER,
                f.cf8(0, 1, 0, 0x04) & 0x7);
        assertEquals(21, f.cf8(1, 0, 0, 0x3C) & 0xFF, "INTA behind the port at 00:01.0 routes as 00:01 INTA");
        assertEquals(21, f.cf8(0, 1, 0, 0x3C) & 0xFF);
    }

    @Test
    void hotPlugPortsReserveRoomForAHotAddedDevice() {
        int dev = 2;
        int mem = f.cf8(0, dev, 0, 0x20);
        long size = ((mem >>> 16 & 0xFFF0L) << 16 | 0xFFFFF) - ((mem & 0xFFF0L) << 16) + 1;
        assertEquals(ResourceAssigner.HOTPLUG_LOW, size);
        int pref = f.cf8(0, dev, 0, 0x24);
        long prefSize = ((long) f.cf8(0, dev, 0, 0x2C) << 32 | (pref >>> 16 & 0xFFF0L) << 16 | 0xFFFFF)
                - ((long) f.cf8(0, dev, 0, 0x28) << 32 | (pref & 0xFFF0L) << 16) + 1;
        assertEquals(ResourceAssigner.HOTPLUG_HIGH, prefSize);
        int memRp0 = f.cf8(0, 1, 0, 0x20);
        assertTrue((memRp0 & 0xFFF0) > (memRp0 >>> 16 & 0xFFF0), "empty non-hot-plug port: window off");
    }

    @Test
    void aBarThatDoesNotFitStaysUnassignedWithDecodingOff() throws Exception {
        TestDevice huge = new TestDevice("huge", BarSpec.memory32(0, 1L << 30, false, new RegisterBar(16)));
        f.rc.attach(PciPlacement.rootBus(7), huge);
        assertEquals(0, f.cf8(0, 7, 0, 0x10) & 0xFFFF_FFF0);
        assertEquals(0, f.cf8(0, 7, 0, 0x04) & PciRegisters.COMMAND_MEMORY);
        assertFalse(huge.config.barMapped(0));
        InspectNode n = new InspectNode();
        f.rc.inspect(n);
        assertTrue(n.render().contains("BAR0 low 0x40000000: unassigned"), n.render());
    }

    @Test
    void aResetMakesTheFirmwareRunAgainOnTheFirstAccess() throws Exception {
        TestDevice d = new TestDevice("d", BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000)));
        f.rc.attach(PciPlacement.port("rp0"), d);
        long bar = f.cf8(1, 0, 0, 0x10) & 0xFFFF_FFF0L;
        f.rc.reset();
        d.reset();
        assertTrue(f.mmio.mapped.isEmpty(), "the device's reset unmapped its BAR");
        assertFalse(f.rc.guestStarted());
        assertEquals(bar, f.cf8(1, 0, 0, 0x10) & 0xFFFF_FFF0L, "same layout after the firmware pass");
        assertEquals(new MmioRange("01:00.0 BAR0", bar, 0x1000), f.mmio.at(bar));
        assertTrue(f.rc.guestStarted());
    }

    @Test
    void inspectShowsTheTopologyAndBars() throws Exception {
        f.rc.attach(PciPlacement.port("rp0"), new TestDevice("nvme",
                BarSpec.memory64(0, 0x4000, false, new RegisterBar(16))));
        InspectNode n = new InspectNode();
        f.rc.inspect(n);
        assertEquals("host-bridge", n.at("bus 0/00:00.0/kind").orElseThrow());
        assertEquals("rp0", n.at("bus 0/00:01.0/name").orElseThrow());
        assertEquals("nvme", n.at("bus 0/00:01.0/bus 1/01:00.0/device").orElseThrow());
        assertTrue(n.at("bus 0/00:01.0/bus 1/01:00.0/firmware/0").orElseThrow().toString()
                .startsWith("BAR0 low 0x4000: 0xc"), n.render());
        assertEquals("0xe0000000-0xefffffff (buses 0-255)", n.at("ecam").orElseThrow());
    }
}
