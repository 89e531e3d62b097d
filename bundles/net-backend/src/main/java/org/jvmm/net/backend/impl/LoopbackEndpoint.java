package org.jvmm.net.backend.impl;

import java.util.concurrent.atomic.AtomicLong;
import org.jvmm.inspect.InspectNode;
import org.jvmm.net.backend.api.Endpoint;
import org.jvmm.net.backend.api.NetQueue;
import org.jvmm.net.backend.api.NetQueueConfig;

/** {@code net_endpoint_handle:loopback}: every frame sent comes back to the same NIC. The link is always up. */
public final class LoopbackEndpoint implements Endpoint {
    private final int backlog;
    final AtomicLong txFrames = new AtomicLong();
    final AtomicLong txBytes = new AtomicLong();
    final AtomicLong txInvalid = new AtomicLong();
    final AtomicLong rxFrames = new AtomicLong();
    private LoopbackQueue current;
    private long connects;
    private long rxDroppedBefore;
    private long rxDiscardedBefore;
    private boolean closed;

    /** @param backlog frames that may wait for the frontend, at least 1 */
    public LoopbackEndpoint(int backlog) {
        if (backlog < 1) {
            throw new IllegalArgumentException("loopback backlog " + backlog + " < 1");
        }
        this.backlog = backlog;
    }

    @Override
    public String endpointType() {
        return "loopback";
    }

    @Override
    public boolean linkUp() {
        return true;
    }

    @Override
    public synchronized NetQueue connect(NetQueueConfig config) {
        if (closed) {
            throw new IllegalStateException("net_endpoint_handle:loopback is closed");
        }
        if (current != null && current.isOpen()) {
            throw new IllegalStateException("net_endpoint_handle:loopback already has an open queue");
        }
        forget(current);
        connects++;
        current = new LoopbackQueue(this, new RxBacklog(backlog), config);
        return current;
    }

    /** Keeps the counters of a queue that is gone. */
    private void forget(LoopbackQueue q) {
        if (q != null) {
            rxDroppedBefore += q.backlog().dropped();
            rxDiscardedBefore += q.backlog().discarded();
        }
    }

    @Override
    public void close() {
        LoopbackQueue q;
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
        long dropped = rxDroppedBefore + (current == null ? 0 : current.backlog().dropped());
        long discarded = rxDiscardedBefore + (current == null ? 0 : current.backlog().discarded());
        node.field("type", "loopback").field("connected", current != null && current.isOpen())
                .field("connects", connects).field("backlog_capacity", backlog)
                .field("backlog", current == null ? 0 : current.backlog().size())
                .field("tx_frames", txFrames.get()).field("tx_bytes", txBytes.get())
                .field("tx_invalid", txInvalid.get()).field("rx_frames", rxFrames.get())
                .field("rx_dropped", dropped).field("rx_discarded", discarded);
        if (current != null) {
            node.field("mac", current.config().mac().toString());
        }
    }
}
