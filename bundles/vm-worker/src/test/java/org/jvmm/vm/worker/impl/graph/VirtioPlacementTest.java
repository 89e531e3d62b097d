package org.jvmm.vm.worker.impl.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.vm.config.NoneSerialHandle;
import org.jvmm.vm.config.VirtioDeviceConfig;
import org.jvmm.vm.worker.VmLaunchException;
import org.junit.jupiter.api.Test;

class VirtioPlacementTest {
    private static VirtioDeviceConfig dev(String bus) {
        return new VirtioDeviceConfig(new NoneSerialHandle(), bus, null);
    }

    @Test
    void mmioAndAutoEntriesGetConsecutiveWindowsAndGsis() throws Exception {
        List<VirtioPlacement.Placed> placed = VirtioPlacement.mmio(List.of(dev("mmio"), dev("pci"), dev("auto")), false);
        assertEquals(2, placed.size());
        assertEquals(0, placed.get(0).index());
        assertEquals(0xFEB0_0000L, placed.get(0).handle().base());
        assertEquals(16, placed.get(0).handle().gsi());
        assertEquals(2, placed.get(1).index());
        assertEquals(0xFEB0_0200L, placed.get(1).handle().base());
        assertEquals(17, placed.get(1).handle().gsi());
        assertEquals("virtioDevices[2]", placed.get(1).path());
    }

    @Test
    void autoGoesToPciWhenThereIsOne() throws Exception {
        assertTrue(VirtioPlacement.mmio(List.of(dev("auto")), true).isEmpty());
    }

    @Test
    void moreThanEightIsRefusedNamingTheEntry() {
        List<VirtioDeviceConfig> many = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            many.add(dev("mmio"));
        }
        VmLaunchException e = assertThrows(VmLaunchException.class, () -> VirtioPlacement.mmio(many, false));
        assertTrue(e.getMessage().startsWith("virtioDevices[8]: at most 8"), e.getMessage());
    }
}
