package org.jvmm.net.backend.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.ResourceHandle;
import org.junit.jupiter.api.Test;

class EndpointHandlesTest {
    @Test
    void handlesUseOpenVmmKindAndIds() {
        assertEquals("net_endpoint_handle:null", new NullEndpointHandle().key());
        assertEquals("net_endpoint_handle:loopback", new LoopbackEndpointHandle().key());
        assertEquals(2, NetEndpointHandleTypes.all().size());
    }

    @Test
    void loopbackBacklogIsChecked() {
        assertEquals(LoopbackEndpointHandle.DEFAULT_BACKLOG, new LoopbackEndpointHandle(0).effectiveBacklog());
        assertEquals(8, new LoopbackEndpointHandle(8).effectiveBacklog());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LoopbackEndpointHandle(-1));
        assertTrue(e.getMessage().startsWith("net_endpoint_handle:loopback: backlog"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LoopbackEndpointHandle(LoopbackEndpointHandle.MAX_BACKLOG + 1));
    }

    @Test
    void handlesRoundTripThroughJson() throws Exception {
        ObjectMapper mapper = HandleJson.mapper();
        for (ResourceHandle h : List.of(new NullEndpointHandle(), new LoopbackEndpointHandle(), new LoopbackEndpointHandle(32))) {
            String json = mapper.writeValueAsString(h);
            assertTrue(json.contains("\"resource\":\"" + h.key() + "\""), json);
            assertEquals(h, HandleJson.reader(mapper, NetEndpointHandleTypes.all()).forType(ResourceHandle.class).readValue(json));
        }
        ResourceHandle bare = HandleJson.reader(mapper, NetEndpointHandleTypes.all()).forType(ResourceHandle.class)
                .readValue("{\"resource\":\"net_endpoint_handle:loopback\"}");
        assertInstanceOf(LoopbackEndpointHandle.class, bare);
        assertEquals(LoopbackEndpointHandle.DEFAULT_BACKLOG, ((LoopbackEndpointHandle) bare).effectiveBacklog());
    }
}
