package org.jvmm.net.backend.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.jvmm.inspect.InspectNode;
import org.jvmm.net.backend.api.Endpoint;
import org.jvmm.net.backend.api.MacAddress;
import org.jvmm.net.backend.api.NetQueue;
import org.jvmm.net.backend.api.NetQueueConfig;
import org.jvmm.net.backend.api.TxResult;
import org.jvmm.net.backend.resources.LoopbackEndpointHandle;
import org.jvmm.net.backend.resources.NullEndpointHandle;
import org.junit.jupiter.api.Test;

class ResolversTest {
    @Test
    void resolversBuildTheirEndpoints() {
        Endpoint none = new NullEndpointResolver().resolve(new NullEndpointHandle(), null);
        assertInstanceOf(NullEndpoint.class, none);
        assertEquals(Endpoint.class, new NullEndpointResolver().outputType());
        assertEquals(NullEndpointHandle.class, new NullEndpointResolver().handleType());

        Endpoint loop = new LoopbackEndpointResolver().resolve(new LoopbackEndpointHandle(2), null);
        assertEquals("loopback", loop.endpointType());
        assertEquals(LoopbackEndpointHandle.class, new LoopbackEndpointResolver().handleType());
        NetQueue q = loop.connect(new NetQueueConfig(MacAddress.parse("00:15:5d:00:00:03"), new RecordingListener()));
        for (int i = 0; i < 3; i++) {
            assertEquals(TxResult.SENT, q.transmit(List.of(MemorySegment.ofArray(new byte[64]))));
        }
        InspectNode n = new InspectNode();
        loop.inspect(n);
        assertEquals(2, n.at("backlog_capacity").orElseThrow(), "the handle's backlog is used");
        assertEquals(1L, n.at("rx_dropped").orElseThrow());
    }
}
