package org.jvmm.pci.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.ResourceHandle;
import org.junit.jupiter.api.Test;

class PcieRootComplexHandleTest {
    private static final PcieRootComplexHandle TOPOLOGY = PcieRootComplexHandle.of("rc0")
            .withRootPort(new PcieRootPortConfig("rp0", null, true))
            .withRootPort(new PcieRootPortConfig("rp1", "5.1", false))
            .withRootPort(new PcieRootPortConfig("rp2", "5", false))
            .withSwitch(new PcieSwitchConfig("rp0", "sw0", 0, true))
            .withSwitch(new PcieSwitchConfig("sw0-downstream-3", "sw1", 2, false));

    @Test
    void defaultsFollowTheDocumentedLayout() {
        PcieRootComplexHandle h = PcieRootComplexHandle.of("rc0");
        assertEquals(0xE000_0000L, h.ecamBase());
        assertEquals(0, h.startBus());
        assertEquals(255, h.endBus());
        assertEquals(0xC000_0000L, h.lowMmioBase());
        assertEquals(0x2000_0000L, h.lowMmioSize());
        assertEquals(List.of(20, 21, 22, 23), h.intxGsis());
        assertEquals(4, TOPOLOGY.switches().get(0).downstreamPorts(), "OpenVMM's default");
        assertEquals(List.of("rp0", "rp1", "rp2", "sw0-downstream-0", "sw0-downstream-1", "sw0-downstream-2",
                "sw0-downstream-3", "sw1-downstream-0", "sw1-downstream-1"), TOPOLOGY.portNames());
        assertEquals(5, TOPOLOGY.rootPorts().get(1).device());
        assertEquals(1, TOPOLOGY.rootPorts().get(1).function());
        assertEquals(-1, TOPOLOGY.rootPorts().get(0).device());
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        ObjectMapper mapper = HandleJson.mapper();
        HandleTypes types = HandleTypes.of(PcieRootComplexHandle.class);
        String json = mapper.writeValueAsString(TOPOLOGY);
        assertTrue(json.contains("\"resource\":\"chipset_device_handle:pcie_root_complex\""), json);
        assertEquals(TOPOLOGY, HandleJson.reader(mapper, types).forType(ResourceHandle.class).readValue(json));
    }

    @Test
    void mistakesNameTheResourceAndWhatIsWrong() {
        PcieRootComplexHandle base = PcieRootComplexHandle.of("rc0");
        assertMessage("overlaps the 32-bit MMIO window", () -> new PcieRootComplexHandle("rc0", 0, 255,
                0xC000_0000L, 0xC000_0000L, 1 << 20, 0, 0, 0xC000, 0x1000, null, null, null));
        assertMessage("ecamBase", () -> new PcieRootComplexHandle("rc0", 0, 255, 0xE000_1000L, 0xC000_0000L,
                1 << 20, 0, 0, 0xC000, 0x1000, null, null, null));
        assertMessage("ioBase", () -> new PcieRootComplexHandle("rc0", 0, 255, 0xE000_0000L, 0xC000_0000L,
                1 << 20, 0, 0, 0x800, 0x1000, null, null, null));
        assertMessage("intxGsis", () -> new PcieRootComplexHandle("rc0", 0, 255, 0xE000_0000L, 0xC000_0000L,
                1 << 20, 0, 0, 0xC000, 0x1000, List.of(20, 20), null, null));
        assertMessage("used twice", () -> base.withRootPort(new PcieRootPortConfig("a", null, false))
                .withRootPort(new PcieRootPortConfig("a", null, false)));
        assertMessage("two root ports at 3", () -> base.withRootPort(new PcieRootPortConfig("a", "3", false))
                .withRootPort(new PcieRootPortConfig("b", "3.0", false)));
        assertMessage("addr must be", () -> new PcieRootPortConfig("a", "0", false));
        assertMessage("addr must be", () -> new PcieRootPortConfig("a", "3.8", false));
        assertMessage("parent port nowhere is unknown", () -> base.withSwitch(new PcieSwitchConfig("nowhere", "s", 1,
                false)));
        assertMessage("two switches behind port a", () -> base.withRootPort(new PcieRootPortConfig("a", null, false))
                .withSwitch(new PcieSwitchConfig("a", "s1", 1, false)).withSwitch(new PcieSwitchConfig("a", "s2", 1,
                        false)));
        assertMessage("need 3 buses", () -> new PcieRootComplexHandle("rc0", 0, 2, 0xE000_0000L, 0xC000_0000L,
                1 << 20, 0, 0, 0xC000, 0x1000, null, List.of(new PcieRootPortConfig("a", null, false)),
                List.of(new PcieSwitchConfig("a", "s", 1, false))));
        assertMessage("chipset_device_handle:pcie_root_complex: root complex name", () -> PcieRootComplexHandle.of(
                "0bad"));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
        assertTrue(ex.getMessage().startsWith("chipset_device_handle:pcie_root_complex"), ex.getMessage());
    }
}
