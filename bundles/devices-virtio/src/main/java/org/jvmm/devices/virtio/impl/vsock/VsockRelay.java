package org.jvmm.devices.virtio.impl.vsock;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.Collection;
import java.util.Optional;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;
import org.jvmm.chipset.api.SaveRefusedException;

/**
 * The relay between the guest's queues and the host sockets: while activated, moves transmitted
 * packets to the host and due packets into receive buffers. The transmit queue is left alone while
 * {@link VsockLimits#maxReplies()} RSTs wait for receive buffers (the guest's own back-pressure).
 * Confined to the relay thread.
 */
final class VsockRelay {
    /** Rounds of transmit-then-receive in one {@link #service()} before other events get a turn. */
    private static final int ROUNDS = 64;
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final VsockLimits limits;
    private final VsockStats stats;
    private final ConnectionTable table;
    private final HostSockets host;
    private final GuestPackets guest;
    private final RxPump pump;
    private VirtQueue rx;
    private VirtQueue tx;

    VsockRelay(long guestCid, String basePath, ServerSocketChannel listener, Selector selector, VsockLimits limits,
            VsockStats stats) throws IOException {
        this.limits = limits;
        this.stats = stats;
        this.table = new ConnectionTable(guestCid, stats);
        this.host = new HostSockets(selector, listener, basePath, table, limits, stats, this::active);
        this.guest = new GuestPackets(guestCid, table, host, limits, stats);
        this.pump = new RxPump(guestCid, limits.bufAlloc(), table, stats);
    }

    HostSockets host() {
        return host;
    }

    /** The live connections (for inspect; safe from any thread). */
    Collection<VsockConnection> connections() {
        return table.all();
    }

    boolean active() {
        return rx != null;
    }

    /** The driver set DRIVER_OK. */
    void activate(VirtQueue rxQueue, VirtQueue txQueue) {
        reset();
        rx = rxQueue;
        tx = txQueue;
    }

    /** Device reset: every connection and handshake closed, the queues forgotten. */
    void reset() {
        rx = null;
        tx = null;
        table.clear();
        host.clearHandshakes();
        pump.reset();
    }

    /**
     * A snapshot is being taken: refuses while a connection or a host handshake is open (a host
     * socket is not part of a snapshot), else gives back the receive buffer kept for the next round.
     * RSTs still waiting for a buffer answer packets of no connection; they go to the running guest
     * but not into the snapshot (the guest's connect then times out instead of being refused).
     */
    void prepareSave() {
        int open = table.size() + host.handshakeCount();
        if (open > 0) {
            throw new SaveRefusedException("virtio-vsock has " + open + " open "
                    + (open == 1 ? "connection" : "connections") + "; snapshots need them closed");
        }
        if (rx != null) {
            pump.returnHeld(rx);
        }
    }

    /** Moves packets both ways; returns true if it stopped with work possibly left. */
    boolean service() {
        if (rx == null) {
            return false;
        }
        for (int round = 0; round < ROUNDS; round++) {
            int taken = transmit();
            int sent = pump.pump(rx);
            if (taken == 0 && sent == 0) {
                return false;
            }
        }
        return true;
    }

    /** Resets connections and handshakes past their deadline. */
    void expire(long now) {
        table.expire(now);
        host.expire(now);
    }

    private int transmit() {
        int n = 0;
        while (n < 256 && table.pendingReplies() < limits.maxReplies()) {
            Optional<DescriptorChain> chain = tx.next();
            if (chain.isEmpty()) {
                break;
            }
            try {
                guest.handle(chain.get());
            } catch (RuntimeException e) {
                stats.relayErrors.increment();
                LOG.log(Level.WARNING, "virtio-vsock: handling a guest packet failed", e);
            }
            tx.complete(chain.get(), 0);
            n++;
        }
        return n;
    }
}
