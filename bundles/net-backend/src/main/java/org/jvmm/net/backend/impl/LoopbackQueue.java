package org.jvmm.net.backend.impl;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import org.jvmm.net.backend.api.EthernetFrames;
import org.jvmm.net.backend.api.NetQueue;
import org.jvmm.net.backend.api.NetQueueConfig;
import org.jvmm.net.backend.api.TxResult;

/** The loopback data path: transmit copies the frame into this queue's own receive backlog. */
final class LoopbackQueue implements NetQueue {
    private final LoopbackEndpoint endpoint;
    private final RxBacklog backlog;
    private final NetQueueConfig config;
    private volatile boolean open = true;

    LoopbackQueue(LoopbackEndpoint endpoint, RxBacklog backlog, NetQueueConfig config) {
        this.endpoint = endpoint;
        this.backlog = backlog;
        this.config = config;
    }

    RxBacklog backlog() {
        return backlog;
    }

    NetQueueConfig config() {
        return config;
    }

    @Override
    public TxResult transmit(List<MemorySegment> segments) {
        if (!open) {
            return TxResult.CLOSED;
        }
        if (!EthernetFrames.validLength(EthernetFrames.length(segments))) {
            endpoint.txInvalid.incrementAndGet();
            return TxResult.INVALID;
        }
        byte[] frame = EthernetFrames.gather(segments);
        endpoint.txFrames.incrementAndGet();
        endpoint.txBytes.addAndGet(frame.length);
        RxBacklog.Offer offer;
        synchronized (this) {
            if (!open) {
                return TxResult.CLOSED;
            }
            offer = backlog.offer(frame);
        }
        if (offer == RxBacklog.Offer.FIRST) {
            config.listener().rxReady();
        }
        return TxResult.SENT;
    }

    @Override
    public Optional<byte[]> receive() {
        if (!open) {
            return Optional.empty();
        }
        byte[] frame = backlog.poll();
        if (frame != null) {
            endpoint.rxFrames.incrementAndGet();
        }
        return Optional.ofNullable(frame);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        open = false;
        backlog.clear();
    }
}
