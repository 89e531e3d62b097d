package org.jvmm.devices.virtio.impl.vsock;

import static org.jvmm.devices.virtio.impl.vsock.VsockSpec.*;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.impl.vsock.VsockConnection.State;

/**
 * Handles the packets the guest transmits. Nothing the guest sends is trusted: a chain shorter than a
 * header, a source CID that is not the guest's or a length past the chain's bytes is dropped (and
 * resets its connection); a packet for another CID, another socket type, an unknown connection or in
 * the wrong state is answered with RST; bytes beyond the credit the guest was given reset the
 * connection. Confined to the relay thread.
 */
final class GuestPackets {
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final long guestCid;
    private final ConnectionTable table;
    private final HostSockets host;
    private final VsockLimits limits;
    private final VsockStats stats;
    private final byte[] header = new byte[HEADER];

    GuestPackets(long guestCid, ConnectionTable table, HostSockets host, VsockLimits limits, VsockStats stats) {
        this.guestCid = guestCid;
        this.table = table;
        this.host = host;
        this.limits = limits;
        this.stats = stats;
    }

    /** One chain from the transmit queue (the caller completes it). */
    void handle(DescriptorChain chain) {
        stats.packetsFromGuest.increment();
        if (chain.readableLength() < HEADER || !chain.reader().readFully(header)) {
            stats.malformed.increment();
            return;
        }
        VsockHeader h = VsockHeader.decode(header);
        if (h.srcCid() != guestCid) {
            stats.malformed.increment();
            return;
        }
        if (h.dstCid() != HOST_CID || h.type() != TYPE_STREAM) {
            refuse(h);
            return;
        }
        VsockConnection c = table.find(h.srcPort(), h.dstPort());
        if (h.length() > chain.readableLength() - HEADER || h.length() > MAX_PAYLOAD) {
            stats.malformed.increment();
            if (c != null) {
                table.reset(c, true);
            } else {
                refuse(h);
            }
            return;
        }
        if (c == null) {
            if (h.op() == OP_REQUEST) {
                request(h);
            } else {
                refuse(h);
            }
            return;
        }
        c.peerCredit(h);
        dispatch(c, h, chain);
        if (c.state != State.CLOSED) {
            table.markReady(c);
            c.updateInterest();
        }
    }

    private void dispatch(VsockConnection c, VsockHeader h, DescriptorChain chain) {
        switch (h.op()) {
            case OP_RESPONSE -> response(c);
            case OP_RST -> table.reset(c, false);
            case OP_SHUTDOWN -> shutdown(c, h.flags());
            case OP_RW -> data(c, chain, (int) h.length());
            case OP_CREDIT_UPDATE -> {
                // the credit fields were taken above
            }
            case OP_CREDIT_REQUEST -> c.creditUpdateDue = true;
            default -> table.reset(c, true);
        }
    }

    /** A guest connection to a host port: relayed to {@code <path>_<port>}, or refused. */
    private void request(VsockHeader h) {
        VsockConnection c = table.size() < limits.maxConnections() ? host.connectForGuest(h.srcPort(), h.dstPort()) : null;
        if (c == null) {
            stats.refused.increment();
            refuse(h);
            return;
        }
        c.peerCredit(h);
        table.add(c);
        table.markReady(c);
    }

    private void response(VsockConnection c) {
        if (c.state == State.CONNECTING_OUT && host.sendOk(c)) {
            c.state = State.ESTABLISHED;
        } else {
            table.reset(c, true);
        }
    }

    private void shutdown(VsockConnection c, int flags) {
        if (c.state != State.ESTABLISHED) {
            table.reset(c, true);
            return;
        }
        if ((flags & SHUTDOWN_RCV) != 0) {
            c.guestShutRcv = true;
            c.toGuest.clear();
        }
        c.guestShutSend |= (flags & SHUTDOWN_SEND) != 0;
        try {
            if (c.guestShutRcv && c.guestShutSend) {
                c.state = State.CLOSING;
                c.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.timeoutMillis());
            }
            host.written(c, 0);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "virtio-vsock: shutting down " + c + " failed", e);
            table.reset(c, true);
        }
    }

    private void data(VsockConnection c, DescriptorChain chain, int len) {
        if (c.state != State.ESTABLISHED || c.guestShutSend) {
            table.reset(c, true);
            return;
        }
        if (len > c.toHost.free()) {
            stats.malformed.increment();
            LOG.log(Level.DEBUG, "virtio-vsock: " + c + ": guest sent " + len + " bytes past its credit");
            table.reset(c, true);
            return;
        }
        if (len == 0) {
            return;
        }
        try {
            host.written(c, c.fromGuest(chain.readableSlices(HEADER, len)));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "virtio-vsock: writing to " + c + " failed", e);
            table.reset(c, true);
        }
    }

    /** Answers a packet of no connection with RST, unless it is an RST. */
    private void refuse(VsockHeader h) {
        if (h.op() != OP_RST) {
            table.reply(h.resetReply());
        }
    }
}
