package org.jvmm.net.backend.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.jvmm.inspect.InspectNode;
import org.jvmm.net.backend.api.MacAddress;
import org.jvmm.net.backend.api.NetQueue;
import org.jvmm.net.backend.api.NetQueueConfig;
import org.jvmm.net.backend.api.TxResult;
import org.junit.jupiter.api.Test;

class NullEndpointTest {
    NullEndpoint endpoint = new NullEndpoint();
    RecordingListener listener = new RecordingListener();

    NetQueue connect() {
        return endpoint.connect(new NetQueueConfig(MacAddress.parse("00:15:5d:00:00:02"), listener));
    }

    InspectNode inspect() {
        InspectNode n = new InspectNode();
        endpoint.inspect(n);
        return n;
    }

    @Test
    void dropsWhatIsSentAndNeverReceives() {
        NetQueue q = connect();
        assertTrue(endpoint.linkUp());
        assertEquals("null", endpoint.endpointType());
        assertEquals(TxResult.DROPPED, q.transmit(List.of(MemorySegment.ofArray(new byte[60]))));
        assertEquals(TxResult.DROPPED, q.transmit(List.of(MemorySegment.ofArray(new byte[10]), MemorySegment.ofArray(new byte[1504]))));
        assertEquals(TxResult.INVALID, q.transmit(List.of(MemorySegment.ofArray(new byte[2]))));
        assertTrue(q.receive().isEmpty());
        assertEquals(0, listener.rxReady.get());
        assertEquals(2L, inspect().at("tx_dropped").orElseThrow());
        assertEquals(1574L, inspect().at("tx_bytes").orElseThrow());
        assertEquals(1L, inspect().at("tx_invalid").orElseThrow());
    }

    @Test
    void oneQueueAtATime() {
        NetQueue q = connect();
        assertThrows(IllegalStateException.class, this::connect);
        q.close();
        assertEquals(TxResult.CLOSED, q.transmit(List.of(MemorySegment.ofArray(new byte[60]))));
        NetQueue again = connect();
        assertEquals(true, inspect().at("connected").orElseThrow());
        endpoint.close();
        assertFalse(again.isOpen());
        assertThrows(IllegalStateException.class, this::connect);
    }
}
