package org.jvmm.net.backend.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jvmm.inspect.InspectNode;
import org.jvmm.net.backend.api.MacAddress;
import org.jvmm.net.backend.api.NetQueue;
import org.jvmm.net.backend.api.NetQueueConfig;
import org.jvmm.net.backend.api.TxResult;
import org.junit.jupiter.api.Test;

class LoopbackEndpointTest {
    static final MacAddress MAC = MacAddress.parse("00:15:5d:00:00:01");

    LoopbackEndpoint endpoint = new LoopbackEndpoint(4);
    RecordingListener listener = new RecordingListener();

    static byte[] frame(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    static List<MemorySegment> split(byte[] f, int at) {
        return List.of(MemorySegment.ofArray(f).asSlice(0, at), MemorySegment.ofArray(f).asSlice(at));
    }

    static Object inspect(LoopbackEndpoint e, String path) {
        InspectNode n = new InspectNode();
        e.inspect(n);
        return n.at(path).orElseThrow(() -> new AssertionError("no " + path + " in\n" + n.render()));
    }

    NetQueue connect() {
        return endpoint.connect(new NetQueueConfig(MAC, listener));
    }

    @Test
    void aFrameSentComesBackReceivedAndWakesTheFrontendOnce() {
        NetQueue q = connect();
        byte[] a = frame(60, 1);
        byte[] b = frame(1514, 2);
        assertEquals(TxResult.SENT, q.transmit(split(a, 14)));
        assertEquals(TxResult.SENT, q.transmit(List.of(MemorySegment.ofArray(b))));
        assertEquals(1, listener.rxReady.get(), "woken when the first frame arrived, not again");
        assertArrayEquals(a, q.receive().orElseThrow());
        assertArrayEquals(b, q.receive().orElseThrow());
        assertEquals(Optional.empty(), q.receive());
        assertEquals(TxResult.SENT, q.transmit(split(a, 30)));
        assertEquals(2, listener.rxReady.get(), "woken again once the backlog had drained");
        assertEquals(3L, inspect(endpoint, "tx_frames"));
        assertEquals(60L + 1514 + 60, inspect(endpoint, "tx_bytes"));
        assertEquals(2L, inspect(endpoint, "rx_frames"));
        assertEquals("00:15:5d:00:00:01", inspect(endpoint, "mac"));
    }

    @Test
    void framesBeyondTheBacklogAreDroppedAndCounted() {
        NetQueue q = connect();
        for (int i = 0; i < 7; i++) {
            assertEquals(TxResult.SENT, q.transmit(List.of(MemorySegment.ofArray(frame(64, i)))));
        }
        assertEquals(4, inspect(endpoint, "backlog"));
        assertEquals(3L, inspect(endpoint, "rx_dropped"));
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(frame(64, i), q.receive().orElseThrow(), "the oldest frames are kept");
        }
        assertTrue(q.receive().isEmpty());
    }

    @Test
    void framesOutsideEthernetLimitsAreRefused() {
        NetQueue q = connect();
        assertEquals(TxResult.INVALID, q.transmit(List.of(MemorySegment.ofArray(new byte[13]))));
        assertEquals(TxResult.INVALID, q.transmit(List.of()));
        assertEquals(TxResult.INVALID, q.transmit(split(new byte[65_551], 100)));
        assertEquals(0, listener.rxReady.get());
        assertTrue(q.receive().isEmpty());
        assertEquals(3L, inspect(endpoint, "tx_invalid"));
    }

    @Test
    void oneQueueAtATimeAndClosingDiscardsWaitingFrames() {
        NetQueue q = connect();
        assertThrows(IllegalStateException.class, this::connect);
        q.transmit(List.of(MemorySegment.ofArray(frame(100, 1))));
        q.close();
        assertFalse(q.isOpen());
        assertEquals(TxResult.CLOSED, q.transmit(List.of(MemorySegment.ofArray(frame(100, 1)))));
        assertTrue(q.receive().isEmpty());
        NetQueue again = connect();
        assertTrue(again.receive().isEmpty(), "a new queue starts empty");
        assertEquals(1L, inspect(endpoint, "rx_discarded"));
        assertEquals(2L, inspect(endpoint, "connects"));
        endpoint.close();
        assertFalse(again.isOpen());
        assertThrows(IllegalStateException.class, this::connect);
    }

    @Test
    void theFrontendMayReceiveFromInsideTheWakeUp() {
        NetQueue q = connect();
        List<byte[]> got = new ArrayList<>();
        listener.onRx = () -> q.receive().ifPresent(got::add);
        for (int i = 0; i < 5; i++) {
            q.transmit(List.of(MemorySegment.ofArray(frame(70, i))));
        }
        assertEquals(5, got.size());
        assertEquals(5, listener.rxReady.get(), "each frame found the backlog empty");
        assertArrayEquals(frame(70, 4), got.get(4));
    }

    @Test
    void concurrentSendersAndAReceiverAccountForEveryFrame() throws Exception {
        LoopbackEndpoint big = new LoopbackEndpoint(64);
        NetQueue q = big.connect(new NetQueueConfig(MAC, listener));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int seed = t;
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < 5000; i++) {
                        assertEquals(TxResult.SENT, q.transmit(List.of(MemorySegment.ofArray(frame(64, seed)))));
                    }
                }));
            }
            Future<?> receiver = pool.submit(() -> {
                while (!senders.stream().allMatch(Future::isDone)) {
                    q.receive();
                }
            });
            for (Future<?> s : senders) {
                s.get(30, TimeUnit.SECONDS);
            }
            receiver.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        while (q.receive().isPresent()) {
            // drain what the receiver left
        }
        assertEquals(10_000L, (long) inspect(big, "rx_frames") + (long) inspect(big, "rx_dropped"),
                "every frame was either received or dropped");
        assertEquals(10_000L, inspect(big, "tx_frames"));
    }
}
