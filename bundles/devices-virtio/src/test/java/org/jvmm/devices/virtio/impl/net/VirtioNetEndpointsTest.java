package org.jvmm.devices.virtio.impl.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.CONFIG_GENERATION;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;
import static org.jvmm.devices.virtio.impl.net.NetGuest.F_MAC;
import static org.jvmm.devices.virtio.impl.net.NetGuest.F_MRG_RXBUF;
import static org.jvmm.devices.virtio.impl.net.NetGuest.F_STATUS;
import static org.jvmm.devices.virtio.impl.net.NetGuest.HEADER;
import static org.jvmm.devices.virtio.impl.net.NetGuest.frame;
import static org.jvmm.devices.virtio.impl.net.NetGuest.header;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.driver.FakeResolveContext;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.driver.TestDiskHandle;
import org.jvmm.devices.virtio.resources.VirtioNetHandle;
import org.jvmm.inspect.InspectNode;
import org.jvmm.net.backend.api.MacAddress;
import org.jvmm.net.backend.impl.NullEndpoint;
import org.jvmm.net.backend.resources.LoopbackEndpointHandle;
import org.jvmm.net.backend.resources.NetEndpointHandleTypes;
import org.jvmm.net.backend.resources.NullEndpointHandle;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceHandle;
import org.junit.jupiter.api.Test;

/** virtio-net on the null endpoint and a host-driven test endpoint; the resolver and the handle. */
class VirtioNetEndpointsTest {
    static final long BASIC = VERSION_1 | F_MAC | F_STATUS;
    static final MacAddress MAC = MacAddress.parse("00:15:5d:00:00:07");

    @Test
    void theNullEndpointTakesEveryFrameAndNeverDelivers() {
        NullEndpoint none = new NullEndpoint();
        try (MmioBench bench = new MmioBench(new VirtioNet(none, MAC))) {
            NetGuest net = new NetGuest(bench, 16);
            net.init(BASIC | F_MRG_RXBUF);
            net.post(1526);
            net.send(header(0, 0), frame(60, 1));
            net.send(header(0, 0), frame(1514, 2), 12);
            bench.guest.notify(1);
            bench.guest.notify(0);
            assertEquals(2, net.txq.takeUsed().size());
            assertEquals(List.of(), net.rxq.takeUsed());
            assertEquals(2L, net.inspect("device/tx_dropped"));
            assertEquals(2L, net.inspect("device/endpoint/tx_dropped"));
            assertEquals(1574L, net.inspect("device/endpoint/tx_bytes"));
        }
    }

    @Test
    void hostFramesAreDeliveredAndGuestFramesReachTheEndpoint() {
        SwitchableEndpoint host = new SwitchableEndpoint();
        try (MmioBench bench = new MmioBench(new VirtioNet(host, MAC))) {
            NetGuest net = new NetGuest(bench, 16);
            net.init(BASIC);
            assertEquals(MAC, host.config.mac(), "the endpoint learns the NIC's address");
            host.inject(frame(70, 1));
            long rx = net.post(1526);
            assertEquals(List.of(), net.rxq.takeUsed(), "nothing until the driver notifies");
            bench.guest.notify(0);
            assertEquals(List.of(HEADER + 70), net.rxq.takeUsed().stream().map(Used::len).toList());
            assertArrayEquals(frame(70, 1), bench.read(rx + HEADER, 70));
            long rx2 = net.post(1526);
            bench.guest.notify(0);
            host.inject(frame(80, 2));
            assertEquals(List.of(HEADER + 80), net.rxq.takeUsed().stream().map(Used::len).toList(),
                    "a frame arriving while a buffer waits is delivered at once");
            assertArrayEquals(frame(80, 2), bench.read(rx2 + HEADER, 80));
            net.send(header(0, 0), frame(64, 3), 12, 30);
            bench.guest.notify(1);
            assertEquals(1, host.sent.size());
            assertArrayEquals(frame(64, 3), host.sent.getFirst());
        }
    }

    @Test
    void linkChangesShowInTheStatusWithAConfigInterrupt() {
        SwitchableEndpoint host = new SwitchableEndpoint();
        try (MmioBench bench = new MmioBench(new VirtioNet(host, MAC))) {
            NetGuest net = new NetGuest(bench, 16);
            net.init(BASIC);
            bench.guest.handleInterrupt();
            int generation = bench.guest.read(CONFIG_GENERATION);
            host.setLink(false);
            assertEquals(0, bench.guest.config(6, 2), "link down");
            assertEquals(2, bench.guest.handleInterrupt() & 2, "a configuration change interrupt");
            assertTrue(bench.guest.read(CONFIG_GENERATION) != generation, "config generation moved");
            host.setLink(true);
            assertEquals(1, bench.guest.config(6, 2));
            assertEquals(2L, net.inspect("device/link_changes"));
        }
    }

    @Test
    void resolverSubResolvesTheEndpointAndUsesOrGeneratesTheMac() throws ResolveException {
        SwitchableEndpoint host = new SwitchableEndpoint();
        NullEndpointHandle endpoint = new NullEndpointHandle();
        FakeResolveContext ctx = new FakeResolveContext().answer(endpoint, host);
        VirtioDevice given = new VirtioNetResolver().resolve(new VirtioNetHandle(endpoint, "00:15:5D:AA:BB:CC"), ctx);
        assertEquals("virtio[0].endpoint", ctx.askedAt(endpoint));
        assertEquals("virtio-net", given.name());
        assertEquals(1, given.deviceId());
        assertEquals("00:15:5d:aa:bb:cc", inspect(given, "mac"));
        VirtioDevice generated = new VirtioNetResolver().resolve(VirtioNetHandle.of(endpoint), ctx);
        assertTrue(((String) inspect(generated, "mac")).startsWith("00:15:5d:"), (String) inspect(generated, "mac"));
        generated.close();
        assertTrue(host.closed, "closing the device closes its endpoint");
    }

    @Test
    void aMissingEndpointResolverIsAConfigurationError() {
        ResolveException e = assertThrows(ResolveException.class, () -> new VirtioNetResolver()
                .resolve(new VirtioNetHandle(new LoopbackEndpointHandle(), null), new FakeResolveContext()));
        assertTrue(e.getMessage().contains("net_endpoint_handle:loopback"), e.getMessage());
    }

    @Test
    void theHandleChecksItsEndpointAndMac() {
        assertEquals("virtio:virtio-net", VirtioNetHandle.of(new NullEndpointHandle()).key());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VirtioNetHandle(new TestDiskHandle("d"), null));
        assertTrue(e.getMessage().contains("virtio:virtio-net: endpoint must be a net_endpoint_handle"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new VirtioNetHandle(new NullEndpointHandle(), "00:15:5d"));
        assertTrue(e.getMessage().startsWith("virtio:virtio-net: mac: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new VirtioNetHandle(new NullEndpointHandle(), "01:00:5e:00:00:01"));
        assertTrue(e.getMessage().contains("unicast"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new VirtioNetHandle(null, null));
    }

    @Test
    void theHandleRoundTripsThroughJson() throws Exception {
        ObjectMapper mapper = HandleJson.mapper();
        HandleTypes types = HandleTypes.of(VirtioNetHandle.class).merge(NetEndpointHandleTypes.all());
        for (VirtioNetHandle h : List.of(new VirtioNetHandle(new LoopbackEndpointHandle(8), "00:15:5d:01:02:03"),
                VirtioNetHandle.of(new NullEndpointHandle()))) {
            String json = mapper.writeValueAsString(h);
            assertTrue(json.contains("\"resource\":\"virtio:virtio-net\""), json);
            assertEquals(h, HandleJson.reader(mapper, types).forType(ResourceHandle.class).readValue(json));
        }
    }

    static Object inspect(VirtioDevice device, String path) {
        InspectNode node = new InspectNode();
        device.inspect(node);
        return node.at(path).orElseThrow();
    }
}
