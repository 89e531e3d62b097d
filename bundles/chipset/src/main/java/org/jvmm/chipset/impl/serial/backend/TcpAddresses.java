package org.jvmm.chipset.impl.serial.backend;

import java.net.InetSocketAddress;

/** Parses {@code host:port} and {@code [v6]:port}; an empty host or {@code *} listens on all addresses. */
final class TcpAddresses {
    private TcpAddresses() {
    }

    static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected host:port, got " + address);
        }
        String host = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.isEmpty() || host.equals("*") ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
