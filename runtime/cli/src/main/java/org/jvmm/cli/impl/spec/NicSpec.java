package org.jvmm.cli.impl.spec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A NIC as OpenVMM's {@code NicConfigCli}:
 * {@code [vtl2:][uh:][queues=N:][pcie_port=P:]<endpoint>}.
 */
public record NicSpec(boolean vtl2, boolean underhill, OptionalInt maxQueues, Optional<String> pciePort,
        Endpoint endpoint) {

    /** The network backend. */
    public sealed interface Endpoint {
    }

    /** {@code loopback} (jvmm's test endpoint, not OpenVMM's): every frame sent comes back. */
    public record Loopback() implements Endpoint {
    }

    /** {@code none}: a NIC with no link. */
    public record NoEndpoint() implements Endpoint {
    }

    /** {@code consomme[:<cidr>][,hostfwd=...]}: user-mode NAT. */
    public record Consomme(Optional<String> cidr, List<HostForward> hostForwards) implements Endpoint {
        public Consomme {
            hostForwards = List.copyOf(hostForwards);
        }
    }

    /** {@code dio[:<switch id>]}: a Windows vmswitch port. */
    public record Dio(Optional<String> id) implements Endpoint {
    }

    /** {@code tap:<name>}: a host TAP device. */
    public record Tap(String name) implements Endpoint {
    }

    /** {@code hostfwd=proto:[hostaddr]:hostport-[guestaddr]:guestport}. */
    public record HostForward(String protocol, Optional<String> hostAddress, int hostPort, int guestPort) {
    }
}
