package org.jvmm.cli.impl.spec;

import java.util.Optional;

/** {@code proto:[hostaddr]:hostport-[guestaddr]:guestport}, OpenVMM's consomme {@code hostfwd=}. */
final class HostForwardParser {
    private record AddrPort(Optional<String> address, int port) {
    }

    private HostForwardParser() {
    }

    static NicSpec.HostForward parse(String s) throws SpecException {
        int dash = s.indexOf('-');
        if (dash < 0) {
            throw new SpecException("invalid hostfwd format '" + s
                    + "', expected 'proto:[hostaddr]:hostport-[guestaddr]:guestport'");
        }
        String host = s.substring(0, dash);
        int colon = host.indexOf(':');
        if (colon < 0) {
            throw new SpecException("invalid hostfwd host part '" + host + "', expected 'proto:[hostaddr]:hostport'");
        }
        String proto = host.substring(0, colon);
        if (!proto.equals("tcp") && !proto.equals("udp")) {
            throw new SpecException("unknown hostfwd protocol '" + proto + "', expected 'tcp' or 'udp'");
        }
        AddrPort h = addrPort(host.substring(colon + 1), "host");
        AddrPort g = addrPort(s.substring(dash + 1), "guest");
        return new NicSpec.HostForward(proto, h.address(), h.port(), g.port());
    }

    /** {@code [v6]:port}, {@code addr:port}, {@code :port} or {@code port}. */
    private static AddrPort addrPort(String s, String side) throws SpecException {
        try {
            if (s.startsWith("[")) {
                int close = s.indexOf("]:");
                if (close < 0) {
                    throw new SpecException("expected '[addr]:port', got '" + s + "'");
                }
                String port = s.substring(close + 2);
                return new AddrPort(Optional.of(SocketAddressParser.ip(s.substring(1, close))), port(port));
            }
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                return new AddrPort(Optional.empty(), port(s));
            }
            String addr = s.substring(0, colon);
            int port = port(s.substring(colon + 1));
            return new AddrPort(addr.isEmpty() ? Optional.empty() : Optional.of(SocketAddressParser.ip(addr)), port);
        } catch (SpecException e) {
            throw e.within("invalid hostfwd " + side + " address/port");
        }
    }

    private static int port(String s) throws SpecException {
        try {
            return SocketAddressParser.port(s);
        } catch (SpecException e) {
            throw new SpecException("invalid port '" + s + "'");
        }
    }
}
