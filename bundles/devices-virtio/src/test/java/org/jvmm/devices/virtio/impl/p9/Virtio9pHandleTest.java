package org.jvmm.devices.virtio.impl.p9;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jvmm.devices.virtio.resources.Virtio9pHandle;
import org.jvmm.vm.config.VirtioMmioHandle;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.ResourceHandle;
import org.junit.jupiter.api.Test;

class Virtio9pHandleTest {
    @Test
    void isVirtio9pAndRoundTripsThroughJson() throws Exception {
        Virtio9pHandle h = new Virtio9pHandle("hostshare", "/srv/share", true);
        assertEquals("virtio:virtio-9p", h.key());
        ObjectMapper mapper = HandleJson.mapper();
        ResourceHandle mmio = new VirtioMmioHandle(h, 0xFEB0_0000L, 5);
        String json = mapper.writeValueAsString(mmio);
        assertTrue(json.contains("\"resource\":\"virtio:virtio-9p\"") && json.contains("\"tag\":\"hostshare\""), json);
        HandleTypes types = HandleTypes.of(Virtio9pHandle.class, VirtioMmioHandle.class);
        assertEquals(mmio, HandleJson.reader(mapper, types).forType(ResourceHandle.class).readValue(json));
    }

    @Test
    void tagAndPathAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Virtio9pHandle("", "/x", false));
        assertTrue(e.getMessage().startsWith("virtio:virtio-9p: tag"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Virtio9pHandle("t".repeat(256), "/x", false));
        assertThrows(IllegalArgumentException.class, () -> new Virtio9pHandle("a\0b", "/x", false));
        assertThrows(IllegalArgumentException.class, () -> new Virtio9pHandle("t", " ", false));
        assertThrows(NullPointerException.class, () -> new Virtio9pHandle(null, "/x", false));
        assertEquals(255, new Virtio9pHandle("t".repeat(255), "/x", false).tag().length());
    }
}
