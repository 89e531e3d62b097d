/**
 * virtio-vsock with OpenVMM's hybrid-vsock relay (the scheme Firecracker also uses). A guest stream
 * connection to the host (CID 2) port {@code P} becomes a connection to the Unix socket
 * {@code <path>_<P>} (RST when there is none); a host program connects to the device's listener at
 * {@code <path>}, writes {@code CONNECT <port>\n}, and once the guest accepts gets
 * {@code OK <hostport>\n} and the stream. Credit-based flow control holds both ways: the guest is
 * told a receive buffer per connection and may not send past it (bytes waiting for a slow host
 * socket are bounded by it; a guest that overruns it is reset), and host bytes are read ahead only
 * into a bounded buffer and sent only within the guest's credit. One relay thread per device owns all
 * state: the transmit queue, the receive buffers and the sockets (a selector). Device reset closes
 * every connection; the listener lives until the device is closed.
 */
package org.jvmm.devices.virtio.impl.vsock;
