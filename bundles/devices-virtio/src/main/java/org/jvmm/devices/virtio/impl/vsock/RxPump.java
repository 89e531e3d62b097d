package org.jvmm.devices.virtio.impl.vsock;

import static org.jvmm.devices.virtio.impl.vsock.VsockSpec.HEADER;

import java.util.Optional;
import org.jvmm.devices.virtio.api.ChainWriter;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;

/**
 * Fills the guest's receive buffers, one packet each: first RSTs for packets of no connection, then
 * the connections with a packet due, round-robin. A buffer too small for a header is returned empty;
 * one too small for what is due is kept for the next round. Confined to the relay thread.
 */
final class RxPump {
    private final long guestCid;
    private final int bufAlloc;
    private final ConnectionTable table;
    private final VsockStats stats;
    private final byte[] scratch = new byte[16 * 1024];
    private DescriptorChain held;

    RxPump(long guestCid, int bufAlloc, ConnectionTable table, VsockStats stats) {
        this.guestCid = guestCid;
        this.bufAlloc = bufAlloc;
        this.table = table;
        this.stats = stats;
    }

    /** Sends what is due while there are buffers; returns the number of packets sent. */
    int pump(VirtQueue rx) {
        int sent = 0;
        while (table.hasOutput()) {
            DescriptorChain chain = held;
            held = null;
            if (chain == null) {
                Optional<DescriptorChain> next = rx.next();
                if (next.isEmpty()) {
                    return sent;
                }
                chain = next.get();
            }
            ChainWriter w = chain.writer();
            if (w.remaining() < HEADER) {
                stats.shortRxBuffers.increment();
                rx.complete(chain, 0);
                continue;
            }
            long n = emit(w);
            if (n == 0) {
                held = chain;
                return sent;
            }
            rx.complete(chain, n);
            stats.packetsToGuest.increment();
            sent++;
        }
        return sent;
    }

    /**
     * A snapshot is being taken: the buffer kept for the next round goes back to the guest empty (its
     * driver drops a packet shorter than a header and posts another), so none is in flight.
     */
    void returnHeld(VirtQueue rx) {
        if (held != null) {
            rx.complete(held, 0);
            held = null;
        }
    }

    /** Forgets the buffer kept from the last activation. */
    void reset() {
        held = null;
    }

    private long emit(ChainWriter w) {
        VsockHeader reply = table.pollReply();
        if (reply != null) {
            w.write(reply.encode(), 0, HEADER);
            return HEADER;
        }
        for (int tries = table.readyCount(); tries > 0; tries--) {
            VsockConnection c = table.pollReady();
            int before = c.toGuest.size();
            long n = c.emit(w, guestCid, bufAlloc, scratch);
            stats.bytesToGuest.add(before - c.toGuest.size());
            if (before != c.toGuest.size()) {
                c.updateInterest();
            }
            table.markReady(c);
            if (n > 0) {
                return n;
            }
        }
        return 0;
    }
}
