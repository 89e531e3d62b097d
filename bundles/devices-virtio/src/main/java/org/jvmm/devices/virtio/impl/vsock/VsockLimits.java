package org.jvmm.devices.virtio.impl.vsock;

/**
 * Bounds on what the device holds for the guest and the host.
 *
 * @param bufAlloc       the receive buffer advertised to the guest per connection (buf_alloc): guest
 *                       bytes waiting for a slow host socket never exceed it
 * @param toGuestBuffer  host bytes read ahead per connection, waiting for guest credit or buffers
 * @param maxConnections connections at once; more are refused with RST (guest) or closed (host)
 * @param maxHandshakes  host sockets still sending their {@code CONNECT} line
 * @param maxReplies     RSTs to unknown connections waiting for receive buffers; the transmit queue
 *                       is not read while this many wait
 * @param timeoutMillis  how long a connection may wait for its peer to accept it, a host socket for
 *                       its {@code CONNECT} line, and a closing connection for its last bytes
 */
record VsockLimits(int bufAlloc, int toGuestBuffer, int maxConnections, int maxHandshakes, int maxReplies,
        long timeoutMillis) {
    static final VsockLimits DEFAULT = new VsockLimits(256 * 1024, 64 * 1024, 256, 64, 256, 10_000);

    VsockLimits {
        if (bufAlloc < 4096 || toGuestBuffer < HostHandshake.MAX_LINE || maxConnections < 1 || maxHandshakes < 1 || maxReplies < 1
                || timeoutMillis < 1) {
            throw new IllegalArgumentException("bad vsock limits");
        }
    }
}
