package org.jvmm.net.backend.impl;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jvmm.inspect.InspectNode;
import org.jvmm.net.backend.api.Endpoint;
import org.jvmm.net.backend.api.EthernetFrames;
import org.jvmm.net.backend.api.NetQueue;
import org.jvmm.net.backend.api.NetQueueConfig;
import org.jvmm.net.backend.api.TxResult;

/**
 * {@code net_endpoint_handle:null}: a cable to nowhere. Frames sent are counted and dropped, nothing is
 * ever received. The link is up, as for a NIC plugged into an empty switch.
 */
public final class NullEndpoint implements Endpoint {
    private final AtomicLong txDropped = new AtomicLong();
    private final AtomicLong txBytes = new AtomicLong();
    private final AtomicLong txInvalid = new AtomicLong();
    private Queue current;
    private long connects;
    private boolean closed;

    @Override
    public String endpointType() {
        return "null";
    }

    @Override
    public boolean linkUp() {
        return true;
    }

    @Override
    public synchronized NetQueue connect(NetQueueConfig config) {
        if (closed) {
            throw new IllegalStateException("net_endpoint_handle:null is closed");
        }
        if (current != null && current.isOpen()) {
            throw new IllegalStateException("net_endpoint_handle:null already has an open queue");
        }
        connects++;
        current = new Queue();
        return current;
    }

    @Override
    public void close() {
        Queue q;
        synchronized (this) {
            closed = true;
            q = current;
        }
        if (q != null) {
            q.close();
        }
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.field("type", "null").field("connected", current != null && current.isOpen())
                .field("connects", connects).field("tx_dropped", txDropped.get()).field("tx_bytes", txBytes.get())
                .field("tx_invalid", txInvalid.get());
    }

    private final class Queue implements NetQueue {
        private volatile boolean open = true;

        @Override
        public TxResult transmit(List<MemorySegment> segments) {
            if (!open) {
                return TxResult.CLOSED;
            }
            long length = EthernetFrames.length(segments);
            if (!EthernetFrames.validLength(length)) {
                txInvalid.incrementAndGet();
                return TxResult.INVALID;
            }
            txDropped.incrementAndGet();
            txBytes.addAndGet(length);
            return TxResult.DROPPED;
        }

        @Override
        public Optional<byte[]> receive() {
            return Optional.empty();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
