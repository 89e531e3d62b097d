package org.jvmm.devices.virtio.impl.vsock;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jvmm.devices.virtio.impl.vsock.HostHandshake.Connect;
import org.jvmm.devices.virtio.impl.vsock.HostHandshake.Invalid;
import org.jvmm.devices.virtio.impl.vsock.VsockConnection.State;

/**
 * The host side of the relay: the listener on the base path and its {@code CONNECT} handshakes,
 * connections to {@code <path>_<port>} for the guest, and the socket events of every connection.
 * A socket error resets its connection (RST to the guest). Confined to the relay thread.
 */
final class HostSockets {
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final Selector selector;
    private final ServerSocketChannel listener;
    private final String basePath;
    private final ConnectionTable table;
    private final VsockLimits limits;
    private final VsockStats stats;
    private final BooleanSupplier active;
    private final Set<HostHandshake> handshakes = new HashSet<>();

    HostSockets(Selector selector, ServerSocketChannel listener, String basePath, ConnectionTable table,
            VsockLimits limits, VsockStats stats, BooleanSupplier active) throws IOException {
        this.selector = selector;
        this.listener = listener;
        this.basePath = basePath;
        this.table = table;
        this.limits = limits;
        this.stats = stats;
        this.active = active;
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT, listener);
    }

    int handshakeCount() {
        return handshakes.size();
    }

    /** Handles one ready key of the selector. */
    void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        switch (key.attachment()) {
            case ServerSocketChannel _ -> accept();
            case HostHandshake h -> handshake(key, h);
            case VsockConnection c -> socketReady(key, c);
            default -> key.cancel();
        }
    }

    /**
     * The guest asked for host port {@code hostPort}: connects to {@code <path>_<hostPort>}. Returns the
     * new connection (answered once connected), or null when there is no such socket or it refuses.
     */
    VsockConnection connectForGuest(int guestPort, int hostPort) {
        Path path = Path.of(basePath + "_" + Integer.toUnsignedString(hostPort));
        if (!Files.exists(path)) {
            return null;
        }
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.configureBlocking(false);
            boolean done = ch.connect(UnixDomainSocketAddress.of(path));
            VsockConnection c = new VsockConnection(guestPort, hostPort, false, ch, State.CONNECTING_IN, limits);
            c.deadline = deadline();
            c.key = ch.register(selector, 0, c);
            if (done) {
                connected(c);
            }
            c.updateInterest();
            return c;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "virtio-vsock: connecting to " + path + " failed", e);
            closeQuietly(ch);
            return null;
        }
    }

    /** The guest accepted host connection {@code c}: tells the host program its port. */
    boolean sendOk(VsockConnection c) {
        byte[] ok = ("OK " + Integer.toUnsignedString(c.hostPort) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            return c.channel.write(ByteBuffer.wrap(ok)) == ok.length;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "virtio-vsock: answering " + c + " failed", e);
            return false;
        }
    }

    /** Closes handshakes past their deadline. */
    void expire(long now) {
        for (HostHandshake h : new ArrayList<>(handshakes)) {
            if (now - h.deadline > 0) {
                drop(h, "no CONNECT line in time");
            }
        }
    }

    /** Device reset or close: pending handshakes are dropped. */
    void clearHandshakes() {
        for (HostHandshake h : new ArrayList<>(handshakes)) {
            drop(h, "device reset");
        }
    }

    private void accept() {
        try {
            for (SocketChannel ch = listener.accept(); ch != null; ch = listener.accept()) {
                if (handshakes.size() >= limits.maxHandshakes() || !active.getAsBoolean()) {
                    stats.refused.increment();
                    ch.close();
                    continue;
                }
                ch.configureBlocking(false);
                HostHandshake h = new HostHandshake(ch, deadline());
                handshakes.add(h);
                ch.register(selector, SelectionKey.OP_READ, h);
            }
        } catch (IOException e) {
            stats.relayErrors.increment();
            LOG.log(Level.WARNING, "virtio-vsock: accepting on " + basePath + " failed", e);
        }
    }

    private void handshake(SelectionKey key, HostHandshake h) {
        HostHandshake.Outcome outcome;
        try {
            outcome = h.read();
        } catch (IOException e) {
            outcome = new Invalid(e.toString());
        }
        switch (outcome) {
            case HostHandshake.Incomplete _ -> { }
            case Invalid bad -> drop(h, bad.reason());
            case Connect connect -> {
                handshakes.remove(h);
                if (!active.getAsBoolean() || table.size() >= limits.maxConnections()) {
                    stats.refused.increment();
                    closeQuietly(h.channel);
                    return;
                }
                VsockConnection c = new VsockConnection(connect.port(), table.allocateHostPort(connect.port()), true,
                        h.channel, State.CONNECTING_OUT, limits);
                c.toGuest.put(MemorySegment.ofArray(connect.rest()));
                c.deadline = deadline();
                c.requestDue = true;
                c.key = key;
                key.attach(c);
                table.add(c);
                stats.hostConnects.increment();
                table.markReady(c);
                c.updateInterest();
            }
        }
    }

    private void socketReady(SelectionKey key, VsockConnection c) {
        try {
            if (key.isConnectable()) {
                if (c.channel.finishConnect()) {
                    connected(c);
                }
            }
            if (c.state != State.CLOSED && key.isWritable()) {
                written(c, c.flushToHost());
            }
            if (c.state != State.CLOSED && key.isReadable()) {
                if (c.toGuest.readFrom(c.channel) < 0) {
                    c.hostEof = true;
                }
            }
            if (c.state != State.CLOSED) {
                table.markReady(c);
                c.updateInterest();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "virtio-vsock: " + c + " failed", e);
            table.reset(c, true);
        }
    }

    /** Guest bytes reached the host: finish a half close or a close, tell the guest its credit. */
    void written(VsockConnection c, int n) throws IOException {
        stats.bytesToHost.add(n);
        if (c.state != State.CLOSING && c.creditWorthTelling(limits.bufAlloc())) {
            c.creditUpdateDue = true;
        }
        if (!c.toHost.isEmpty()) {
            return;
        }
        if (c.state == State.CLOSING) {
            table.reset(c, true);
        } else if (c.guestShutSend && !c.outputShut) {
            c.outputShut = true;
            c.channel.shutdownOutput();
        }
    }

    private void connected(VsockConnection c) {
        c.state = State.ESTABLISHED;
        c.responseDue = true;
        stats.guestConnects.increment();
        table.markReady(c);
    }

    private void drop(HostHandshake h, String reason) {
        handshakes.remove(h);
        stats.refused.increment();
        LOG.log(Level.DEBUG, "virtio-vsock: host connection dropped: " + reason);
        closeQuietly(h.channel);
    }

    private long deadline() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.timeoutMillis());
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "virtio-vsock: close failed", e);
        }
    }
}
