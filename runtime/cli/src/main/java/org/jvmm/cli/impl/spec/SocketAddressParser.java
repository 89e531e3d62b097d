package org.jvmm.cli.impl.spec;

import java.net.Inet6Address;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP literals and socket addresses as Rust's {@code IpAddr}/{@code SocketAddr} parse them:
 * {@code 1.2.3.4:80} or {@code [::1]:80}. Host names are not accepted (nothing is looked up).
 */
public final class SocketAddressParser {
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** An IP literal (IPv6 without brackets) and a port. */
    public record HostPort(String host, int port) {
        /** {@code 1.2.3.4:80} or {@code [::1]:80}. */
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private SocketAddressParser() {
    }

    /** {@code ip:port} or {@code [ipv6]:port}. */
    public static HostPort parse(String s) throws SpecException {
        if (s.startsWith("[")) {
            int close = s.indexOf("]:");
            if (close < 0) {
                throw new SpecException("invalid socket address '" + s + "', expected [ipv6]:port");
            }
            return new HostPort(ipv6(s.substring(1, close)), port(s.substring(close + 2)));
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0 || !isIpv4(s.substring(0, colon))) {
            throw new SpecException("invalid socket address '" + s + "', expected ip:port");
        }
        return new HostPort(s.substring(0, colon), port(s.substring(colon + 1)));
    }

    /** An IPv4 or IPv6 literal (no brackets). */
    public static String ip(String s) throws SpecException {
        if (isIpv4(s)) {
            return s;
        }
        return ipv6(s);
    }

    public static boolean isIpv4(String s) {
        return IPV4.matcher(s).matches();
    }

    /** A port number 0-65535. */
    public static int port(String s) throws SpecException {
        return (int) Numbers.unsigned(s, Numbers.U16_MAX, "port");
    }

    private static String ipv6(String s) throws SpecException {
        Optional<String> ok = s.indexOf(':') < 0 ? Optional.empty() : literal6(s);
        return ok.orElseThrow(() -> new SpecException("invalid IP address '" + s + "'"));
    }

    private static Optional<String> literal6(String s) {
        try {
            Inet6Address.ofLiteral(s);
            return Optional.of(s);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
