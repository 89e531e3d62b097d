package org.jvmm.devices.virtio.impl.vsock;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jvmm.devices.virtio.impl.vsock.VsockConnection.State;

/**
 * The live connections by (guest port, host port), and what waits to be sent to the guest: RSTs
 * answering packets of no connection, and connections with a packet due (each listed once, served
 * round-robin). Confined to the relay thread; the map is concurrent only so inspect can read it.
 */
final class ConnectionTable {
    /** Host ports of host-initiated connections are taken from here up. */
    static final int FIRST_HOST_PORT = 1 << 30;
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final long guestCid;
    private final VsockStats stats;
    private final Map<Long, VsockConnection> byKey = new ConcurrentHashMap<>();
    private final ArrayDeque<VsockConnection> ready = new ArrayDeque<>();
    private final ArrayDeque<VsockHeader> replies = new ArrayDeque<>();
    private int nextHostPort = FIRST_HOST_PORT;

    ConnectionTable(long guestCid, VsockStats stats) {
        this.guestCid = guestCid;
        this.stats = stats;
    }

    VsockConnection find(int guestPort, int hostPort) {
        return byKey.get(VsockConnection.key(guestPort, hostPort));
    }

    int size() {
        return byKey.size();
    }

    Collection<VsockConnection> all() {
        return byKey.values();
    }

    void add(VsockConnection c) {
        byKey.put(c.key(), c);
    }

    /** A host port no connection to {@code guestPort} uses, for a host-initiated connection. */
    int allocateHostPort(int guestPort) {
        while (true) {
            int port = nextHostPort;
            nextHostPort = nextHostPort == -1 ? FIRST_HOST_PORT : nextHostPort + 1;
            if (!byKey.containsKey(VsockConnection.key(guestPort, port))) {
                return port;
            }
        }
    }

    /** Lists {@code c} for the receive pump if it has a packet due and is not listed yet. */
    void markReady(VsockConnection c) {
        if (!c.queued && c.hasOutput()) {
            c.queued = true;
            ready.add(c);
        }
    }

    /** Queues a packet that belongs to no connection (an RST). */
    void reply(VsockHeader h) {
        replies.add(h);
        if (h.op() == VsockSpec.OP_RST) {
            stats.resetsSent.increment();
        }
    }

    int pendingReplies() {
        return replies.size();
    }

    VsockHeader pollReply() {
        return replies.poll();
    }

    VsockConnection pollReady() {
        VsockConnection c = ready.poll();
        if (c != null) {
            c.queued = false;
        }
        return c;
    }

    int readyCount() {
        return ready.size();
    }

    boolean hasOutput() {
        return !replies.isEmpty() || !ready.isEmpty();
    }

    /** Closes {@code c}'s socket and forgets it; with {@code tellGuest}, queues an RST for the guest. */
    void reset(VsockConnection c, boolean tellGuest) {
        if (c.state == State.CLOSED) {
            return;
        }
        byKey.remove(c.key(), c);
        if (tellGuest) {
            reply(VsockHeader.toGuest(guestCid, c.hostPort, c.guestPort, VsockSpec.OP_RST, 0, 0, 0, 0));
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "virtio-vsock: closing " + c + " failed", e);
        }
    }

    /** Resets connections whose handshake or close did not finish by {@code now} (System.nanoTime). */
    void expire(long now) {
        for (VsockConnection c : new ArrayList<>(byKey.values())) {
            boolean waiting = c.state == State.CONNECTING_IN || c.state == State.CONNECTING_OUT
                    || c.state == State.CLOSING;
            if (waiting && now - c.deadline > 0) {
                reset(c, true);
            }
        }
    }

    /** Device reset: every socket closed, nothing sent to the guest. */
    void clear() {
        for (VsockConnection c : new ArrayList<>(byKey.values())) {
            reset(c, false);
        }
        ready.clear();
        replies.clear();
    }
}
