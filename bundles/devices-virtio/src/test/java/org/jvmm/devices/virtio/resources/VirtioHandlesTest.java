package org.jvmm.devices.virtio.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.jvmm.devices.virtio.driver.TestDiskHandle;
import org.jvmm.vm.config.StderrSerialHandle;
import org.jvmm.vm.config.VirtioMmioHandle;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.ResourceHandle;
import org.junit.jupiter.api.Test;

class VirtioHandlesTest {
    @Test
    void handlesUseOpenVmmIds() {
        assertEquals("virtio:virtio-rng", new VirtioRngHandle().key());
        assertEquals("virtio:virtio-console", new VirtioConsoleHandle(new StderrSerialHandle()).key());
        assertEquals("virtio:virtio-blk", new VirtioBlkHandle(new TestDiskHandle("d"), false).key());
    }

    @Test
    void subHandlesMustBeOfTheRightKind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VirtioBlkHandle(new StderrSerialHandle(), false));
        assertTrue(e.getMessage().contains("virtio:virtio-blk: disk must be a disk_handle, got serial_handle:stderr"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new VirtioConsoleHandle(new TestDiskHandle("d")));
        assertTrue(e.getMessage().contains("backend must be a serial_handle"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new VirtioBlkHandle(null, false));
    }

    @Test
    void handlesRoundTripThroughJsonInsideAVirtioMmioHandle() throws Exception {
        ObjectMapper mapper = HandleJson.mapper();
        HandleTypes types = HandleTypes.of(VirtioRngHandle.class, VirtioConsoleHandle.class, VirtioBlkHandle.class,
                VirtioMmioHandle.class, StderrSerialHandle.class, TestDiskHandle.class);
        for (ResourceHandle device : List.<ResourceHandle>of(new VirtioRngHandle(),
                new VirtioConsoleHandle(new StderrSerialHandle()), new VirtioBlkHandle(new TestDiskHandle("d"), true))) {
            ResourceHandle h = new VirtioMmioHandle(device, 0xFEB0_0000L, 5);
            String json = mapper.writeValueAsString(h);
            assertTrue(json.contains("\"resource\":\"" + device.key() + "\""), json);
            assertEquals(h, HandleJson.reader(mapper, types).forType(ResourceHandle.class).readValue(json));
        }
    }
}
