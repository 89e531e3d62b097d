package org.jvmm.devices.virtio.impl.net;

import static org.jvmm.devices.virtio.impl.net.NetSpec.*;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Optional;
import org.jvmm.devices.virtio.api.ChainWriter;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;
import org.jvmm.net.backend.api.NetQueue;

/**
 * The receive queue: frames from the endpoint go into the guest's buffers behind a 12-byte header.
 * Without VIRTIO_NET_F_MRG_RXBUF a frame takes one chain ({@code num_buffers} = 1); with it, as many
 * chains as it needs, the header in the first. Chains are taken from the queue only when a frame waits,
 * and held (not completed) while a frame waits for more of them; a frame is taken from the endpoint only
 * when the previous one is delivered, so frames the guest has no room for stay in the endpoint's backlog.
 * A frame that can never fit (larger than the held buffers when they fill the whole queue, or than
 * the single buffer without MRG_RXBUF) is dropped and counted. Chains too short for the header are
 * returned empty. Used under the device's lock.
 */
final class RxPath {
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final VirtQueue queue;
    private final boolean mergeable;
    private final NetStats stats;
    private final ArrayDeque<DescriptorChain> held = new ArrayDeque<>();
    private final byte[] header = new byte[HEADER];
    private long heldBytes;
    private long heldDescriptors;
    private byte[] pending;

    RxPath(VirtQueue queue, boolean mergeable, NetStats stats) {
        this.queue = queue;
        this.mergeable = mergeable;
        this.stats = stats;
    }

    /** Moves frames from {@code link} into guest buffers until it has none or the guest has no room. */
    void pump(NetQueue link) {
        while (queue.isOpen()) {
            if (pending == null) {
                pending = receive(link);
                if (pending == null) {
                    return;
                }
            }
            if (!deliver(pending)) {
                stats.rxNoBuffers++;
                return;
            }
            pending = null;
        }
    }

    /** Forgets held chains (their queue is closed) and the waiting frame; returns whether one was lost. */
    boolean discard() {
        held.clear();
        heldBytes = 0;
        heldDescriptors = 0;
        boolean lost = pending != null;
        pending = null;
        return lost;
    }

    /**
     * A snapshot is being taken: the chains held for the waiting frame go back to the guest empty
     * (a driver drops a used buffer shorter than a header), so the saved queue has none in flight.
     * The frame itself stays for the running VM; the snapshot does not have it. Returns how many
     * chains went back.
     */
    int returnHeld() {
        int n = held.size();
        for (DescriptorChain c : held) {
            queue.complete(c, 0);
        }
        held.clear();
        heldBytes = 0;
        heldDescriptors = 0;
        return n;
    }

    int held() {
        return held.size();
    }

    boolean hasPending() {
        return pending != null;
    }

    private static byte[] receive(NetQueue link) {
        try {
            Optional<byte[]> frame = link.receive();
            return frame == null ? null : frame.orElse(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "virtio-net: the endpoint failed to deliver a frame", e);
            return null;
        }
    }

    /** Delivers or drops {@code frame}; false when it must wait for more buffers. */
    private boolean deliver(byte[] frame) {
        long need = HEADER + (long) frame.length;
        while (mergeable ? heldBytes < need : held.isEmpty()) {
            if (!take()) {
                if (heldDescriptors < queue.size()) {
                    return false;
                }
                stats.rxTooLarge++;
                return true;
            }
        }
        if (!mergeable && held.peekFirst().writableLength() < need) {
            stats.rxTooLarge++;
            return true;
        }
        write(frame, need);
        return true;
    }

    /** Holds the next usable chain of the queue; false when it has none. */
    private boolean take() {
        for (Optional<DescriptorChain> c = queue.next(); c.isPresent(); c = queue.next()) {
            DescriptorChain chain = c.get();
            if (chain.writableLength() < HEADER) {
                stats.rxBadBuffers++;
                queue.complete(chain, 0);
                continue;
            }
            held.addLast(chain);
            heldBytes += chain.writableLength();
            heldDescriptors += chain.descriptorCount();
            return true;
        }
        return false;
    }

    /** Writes header and frame over the first held chains (enough of them for {@code need} bytes) and completes them. */
    private void write(byte[] frame, long need) {
        int chains = 0;
        long room = 0;
        for (DescriptorChain c : held) {
            chains++;
            room += c.writableLength();
            if (room >= need) {
                break;
            }
        }
        header[HDR_NUM_BUFFERS] = (byte) chains;
        header[HDR_NUM_BUFFERS + 1] = (byte) (chains >>> 8);
        int at = 0;
        for (int i = 0; i < chains; i++) {
            DescriptorChain chain = held.removeFirst();
            heldBytes -= chain.writableLength();
            heldDescriptors -= chain.descriptorCount();
            ChainWriter w = chain.writer();
            long written = i == 0 ? w.write(header, 0, HEADER) : 0;
            int n = (int) Math.min(w.remaining(), frame.length - at);
            written += w.write(frame, at, n);
            at += n;
            queue.complete(chain, written);
        }
        stats.rxFrames++;
        stats.rxBytes += frame.length;
    }
}
