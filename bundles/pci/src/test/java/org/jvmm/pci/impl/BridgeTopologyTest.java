package org.jvmm.pci.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.PciHost.PciPortInfo;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.pci.api.BarSpec;
import org.jvmm.pci.api.PciRegisters;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.pci.resources.PcieRootPortConfig;
import org.jvmm.pci.resources.PcieSwitchConfig;
import org.jvmm.pci.testing.RegisterBar;
import org.junit.jupiter.api.Test;

/**
 * rc0: rp0 (00:01.0, hot-plug), rp1 (00:02.0) with switch sw0 (2 hot-plug downstream ports),
 * rp2 (00:05.0) and rp3 (00:05.1).
 */
class BridgeTopologyTest {
    private final RootComplexFixture f = new RootComplexFixture(PcieRootComplexHandle.of("rc0")
            .withRootPort(new PcieRootPortConfig("rp0", null, true))
            .withRootPort(new PcieRootPortConfig("rp1", null, false))
            .withRootPort(new PcieRootPortConfig("rp2", "5", false))
            .withRootPort(new PcieRootPortConfig("rp3", "5.1", false))
            .withSwitch(new PcieSwitchConfig("rp1", "sw0", 2, true)));

    @Test
    void portsAreType1BridgesWithOpenVmmIds() {
        assertEquals(0xC030_1414, f.cf8(0, 1, 0, 0x00));
        assertEquals(0x0604_0000, f.cf8(0, 1, 0, 0x08));
        assertEquals(0x01, f.cf8(0, 1, 0, 0x0C) >>> 16 & 0xFF, "header type 1");
        assertEquals(0x81, f.cf8(0, 5, 0, 0x0C) >>> 16 & 0xFF, "multi-function: rp3 is 05.1");
        assertEquals(0xC030_1414, f.cf8(0, 5, 1, 0x00));
        assertEquals(0xC031_1414, f.cf8(2, 0, 0, 0x00), "sw0's upstream port");
        assertEquals(0xC032_1414, f.cf8(3, 1, 0, 0x00), "sw0-downstream-1");
    }

    @Test
    void firmwareNumbersBusesDepthFirst() {
        assertEquals(busNumbers(0, 1, 1), f.cf8(0, 1, 0, 0x18));
        assertEquals(busNumbers(0, 2, 5), f.cf8(0, 2, 0, 0x18));
        assertEquals(busNumbers(2, 3, 5), f.cf8(2, 0, 0, 0x18));
        assertEquals(busNumbers(3, 4, 4), f.cf8(3, 0, 0, 0x18));
        assertEquals(busNumbers(3, 5, 5), f.cf8(3, 1, 0, 0x18));
        assertEquals(busNumbers(0, 6, 6), f.cf8(0, 5, 0, 0x18));
        assertEquals(busNumbers(0, 7, 7), f.cf8(0, 5, 1, 0x18));
    }

    @Test
    void pcieCapabilitiesGiveThePortTypesAndSlots() {
        int rp0 = f.capability(0, 1, 0, PciRegisters.CAP_PCIE);
        assertEquals(0x0142, f.cf8(0, 1, 0, rp0) >>> 16, "v2 root port with a slot");
        assertTrue((f.cf8(0, 1, 0, rp0 + 0x14) & 0x60) == 0x60, "hot-plug capable and surprise");
        assertEquals(1, f.cf8(0, 1, 0, rp0 + 0x14) >>> 19, "physical slot 1");
        int rp1 = f.capability(0, 2, 0, PciRegisters.CAP_PCIE);
        assertEquals(0, f.cf8(0, 2, 0, rp1 + 0x14) & 0x40, "rp1 has no hot-plug");
        int up = f.capability(2, 0, 0, PciRegisters.CAP_PCIE);
        assertEquals(0x0052, f.cf8(2, 0, 0, up) >>> 16, "upstream switch port, no slot");
        int down = f.capability(3, 1, 0, PciRegisters.CAP_PCIE);
        assertEquals(0x0162, f.cf8(3, 1, 0, down) >>> 16, "downstream switch port with a slot");
        assertTrue((f.cf8(3, 1, 0, down + 0x14) & 0x40) != 0, "switch hot-plug");
        assertTrue(f.capability(0, 1, 0, PciRegisters.CAP_MSI) > 0, "ports signal hot-plug by MSI");
        assertTrue((f.cf8(0, 2, 0, rp1 + 0x10) & 1 << 29) != 0, "rp1's link is up: the switch is there");
        assertEquals(0, f.cf8(0, 5, 0, f.capability(0, 5, 0, PciRegisters.CAP_PCIE) + 0x10) & 1 << 29,
                "rp2 is empty: link down");
    }

    @Test
    void cyclesAreForwardedBySecondaryAndSubordinateNumbers() throws Exception {
        TestDevice behindSwitch = new TestDevice("nic", BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000)));
        PciAddress a = f.rc.attach(PciPlacement.port("sw0-downstream-1"), behindSwitch);
        assertEquals(new PciAddress(5, 0, 0), a);
        TestDevice disk = new TestDevice("disk", BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000)));
        f.rc.attach(PciPlacement.port("rp2"), disk);
        assertEquals(0x1050_1AF4, f.cf8(5, 0, 0, 0x00));
        assertEquals(0xFFFF_FFFF, f.cf8(5, 1, 0, 0x00), "a link decodes device 0 only");
        assertEquals(0xFFFF_FFFF, f.cf8(4, 0, 0, 0x00), "the other downstream port is empty");
        assertEquals(0x1050_1AF4, f.cf8(6, 0, 0, 0x00));
        f.cf8Write(0, 5, 0, 0x1A, 1, 9);
        f.cf8Write(0, 5, 0, 0x19, 1, 9);
        assertEquals(0xFFFF_FFFF, f.cf8(6, 0, 0, 0x00), "the guest renumbered rp2's buses");
        assertEquals(0x1050_1AF4, f.cf8(9, 0, 0, 0x00));
        f.cf8Write(0, 5, 0, 0x19, 1, 0);
        assertEquals(0xFFFF_FFFF, f.cf8(9, 0, 0, 0x00), "secondary 0 forwards nothing");
    }

    @Test
    void portsListNamesHotPlugAndOccupants() throws Exception {
        f.rc.attach(PciPlacement.port("rp0"), new TestDevice("a"));
        List<PciPortInfo> ports = f.rc.ports();
        assertEquals(List.of("rp0", "rp1", "rp2", "rp3", "sw0-downstream-0", "sw0-downstream-1"),
                ports.stream().map(PciPortInfo::name).toList());
        assertEquals(new PciPortInfo("rp0", true, new PciAddress(1, 0, 0)), ports.get(0));
        assertNull(ports.get(1).occupant());
        assertTrue(ports.get(4).hotPlug());
    }

    @Test
    void secondaryBusResetResetsTheDevicesBelow() throws Exception {
        TestDevice d = new TestDevice("d", BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000)));
        f.rc.attach(PciPlacement.port("sw0-downstream-0"), d);
        assertEquals(0, d.resets);
        f.cf8Write(0, 2, 0, 0x3E, 2, 1 << 6);
        assertEquals(1, d.resets, "reset propagates through rp1, the switch and its downstream port");
        assertEquals(0, d.config.command(), "... and the device's command register is clear");
        assertEquals(0, f.cf8(2, 0, 0, 0x18), "the switch's upstream port lost its bus numbers");
        assertEquals(busNumbers(0, 2, 5), f.cf8(0, 2, 0, 0x18), "rp1 itself keeps its registers");
    }

    private static int busNumbers(int primary, int secondary, int subordinate) {
        return primary | secondary << 8 | subordinate << 16;
    }
}
