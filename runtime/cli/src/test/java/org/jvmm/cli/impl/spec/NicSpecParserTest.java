package org.jvmm.cli.impl.spec;

import static org.jvmm.cli.impl.spec.KeyValueSpecTest.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NicSpecParserTest {
    @Test
    void consommeWithForwards() throws SpecException {
        NicSpec n = NicSpecParser.parse("consomme:10.0.0.0/24,hostfwd=tcp::22-:22,hostfwd=udp:127.0.0.1:5000-:53");
        assertEquals(new NicSpec.Consomme(Optional.of("10.0.0.0/24"), List.of(
                new NicSpec.HostForward("tcp", Optional.empty(), 22, 22),
                new NicSpec.HostForward("udp", Optional.of("127.0.0.1"), 5000, 53))), n.endpoint());
        assertEquals(new NicSpec.HostForward("tcp", Optional.of("::1"), 8080, 80),
                ((NicSpec.Consomme) NicSpecParser.parse("consomme:hostfwd=tcp:[::1]:8080-:80").endpoint())
                        .hostForwards().getFirst());
    }

    @Test
    void prefixes() throws SpecException {
        NicSpec n = NicSpecParser.parse("queues=4:pcie_port=rp0:tap:tap0");
        assertEquals(OptionalInt.of(4), n.maxQueues());
        assertEquals(Optional.of("rp0"), n.pciePort());
        assertEquals(new NicSpec.Tap("tap0"), n.endpoint());
        assertTrue(NicSpecParser.parse("vtl2:none").vtl2());
        assertEquals(new NicSpec.Dio(Optional.of("sw")), NicSpecParser.parse("uh:dio:sw").endpoint());
        assertEquals(new NicSpec.Consomme(Optional.empty(), List.of()), NicSpecParser.parse("consomme").endpoint());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tap | invalid network backend 'tap' (expected consomme, dio, tap:<name>, loopback or none)",
        "bridge:br0 | invalid network backend 'bridge:br0' (expected consomme, dio, tap:<name>, loopback or none)",
        "uh:vtl2:none | `uh` is incompatible with `vtl2`",
        "vtl2:pcie_port=p:none | `pcie_port` is incompatible with `uh` and `vtl2`",
        "pcie_port=:none | `pcie_port=` requires port name argument",
        "queues=x:none | failed to parse queue count 'x'",
        "consomme:10.0.0.0/33 | invalid consomme network '10.0.0.0/33', expected a.b.c.d/len",
        "consomme:10.0.0.0/24,10.1.0.0/24 | unexpected consomme option '10.1.0.0/24'",
        "consomme:hostfwd=sctp::1-:1 | unknown hostfwd protocol 'sctp', expected 'tcp' or 'udp'",
        "consomme:hostfwd=tcp:22:22 | invalid hostfwd format 'tcp:22:22', expected 'proto:[hostaddr]:hostport-[guestaddr]:guestport'",
        "consomme:hostfwd=tcp::99999-:1 | invalid hostfwd host address/port: invalid port '99999'",
    })
    void rejectsBadNics(String value, String reason) {
        assertEquals(reason, message(() -> NicSpecParser.parse(value)));
    }
}
