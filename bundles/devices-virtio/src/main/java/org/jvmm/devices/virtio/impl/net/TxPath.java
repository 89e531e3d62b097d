package org.jvmm.devices.virtio.impl.net;

import static org.jvmm.devices.virtio.impl.net.NetSpec.*;

import java.lang.System.Logger.Level;
import java.util.Optional;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;
import org.jvmm.net.backend.api.EthernetFrames;
import org.jvmm.net.backend.api.NetQueue;
import org.jvmm.net.backend.api.TxResult;

/**
 * The transmit queue: each chain is a 12-byte header and a frame in its device-readable bytes. The
 * frame goes to the endpoint as guest-memory slices (no copy here); every chain is completed with 0
 * bytes written, whether it was sent, dropped or malformed. Used under the device's lock.
 */
final class TxPath {
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final VirtQueue queue;
    private final NetStats stats;
    private final byte[] header = new byte[HEADER];

    TxPath(VirtQueue queue, NetStats stats) {
        this.queue = queue;
        this.stats = stats;
    }

    /** Sends every available chain through {@code link} (null when the endpoint is not connected). */
    void process(NetQueue link) {
        for (Optional<DescriptorChain> c = queue.next(); c.isPresent(); c = queue.next()) {
            send(c.get(), link);
            queue.complete(c.get(), 0);
        }
    }

    private void send(DescriptorChain chain, NetQueue link) {
        long readable = chain.readableLength();
        if (readable < HEADER || !chain.reader().readFully(header) || !plainHeader()
                || !EthernetFrames.validLength(readable - HEADER)) {
            stats.txErrors++;
            return;
        }
        if (link == null) {
            stats.txNoLink++;
            return;
        }
        long length = readable - HEADER;
        count(transmit(link, chain, length), length);
    }

    /** No checksum or segmentation offload was offered, so a header asking for one is malformed. */
    private boolean plainHeader() {
        return (header[HDR_FLAGS] & HDR_F_NEEDS_CSUM) == 0 && header[HDR_GSO_TYPE] == GSO_NONE;
    }

    private static TxResult transmit(NetQueue link, DescriptorChain chain, long length) {
        try {
            TxResult r = link.transmit(chain.readableSlices(HEADER, length));
            return r == null ? TxResult.INVALID : r;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "virtio-net: the endpoint failed to transmit a frame", e);
            return TxResult.INVALID;
        }
    }

    private void count(TxResult result, long length) {
        switch (result) {
            case SENT -> {
                stats.txFrames++;
                stats.txBytes += length;
            }
            case DROPPED -> stats.txDropped++;
            case INVALID -> stats.txErrors++;
            case CLOSED -> stats.txNoLink++;
        }
    }
}
