package org.jvmm.devices.virtio.impl.net;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jvmm.inspect.InspectNode;
import org.jvmm.net.backend.api.Endpoint;
import org.jvmm.net.backend.api.EthernetFrames;
import org.jvmm.net.backend.api.NetQueue;
import org.jvmm.net.backend.api.NetQueueConfig;
import org.jvmm.net.backend.api.TxResult;

/**
 * A test endpoint the test drives from the host side: it records frames sent, injects frames to
 * receive, and switches the link. Single-threaded use.
 */
final class SwitchableEndpoint implements Endpoint {
    final List<byte[]> sent = new ArrayList<>();
    final ArrayDeque<byte[]> inbound = new ArrayDeque<>();
    NetQueueConfig config;
    int connects;
    boolean closed;
    private boolean up = true;
    private Queue queue;

    @Override
    public String endpointType() {
        return "switchable";
    }

    @Override
    public boolean linkUp() {
        return up;
    }

    void setLink(boolean on) {
        up = on;
        if (queue != null && queue.open) {
            config.listener().linkChanged(on);
        }
    }

    /** A frame arrives from the host side. */
    void inject(byte[] frame) {
        boolean first = inbound.isEmpty();
        inbound.add(frame);
        if (first && queue != null && queue.open) {
            config.listener().rxReady();
        }
    }

    boolean connected() {
        return queue != null && queue.open;
    }

    @Override
    public NetQueue connect(NetQueueConfig c) {
        if (connected()) {
            throw new IllegalStateException("already connected");
        }
        config = c;
        connects++;
        queue = new Queue();
        return queue;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("sent", sent.size());
    }

    private final class Queue implements NetQueue {
        boolean open = true;

        @Override
        public TxResult transmit(List<MemorySegment> segments) {
            if (!open) {
                return TxResult.CLOSED;
            }
            if (!EthernetFrames.validLength(EthernetFrames.length(segments))) {
                return TxResult.INVALID;
            }
            sent.add(EthernetFrames.gather(segments));
            return TxResult.SENT;
        }

        @Override
        public Optional<byte[]> receive() {
            return open ? Optional.ofNullable(inbound.poll()) : Optional.empty();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
            inbound.clear();
        }
    }
}
