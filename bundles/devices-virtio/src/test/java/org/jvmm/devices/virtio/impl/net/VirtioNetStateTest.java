package org.jvmm.devices.virtio.impl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.CONFIG_GENERATION;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;
import static org.jvmm.devices.virtio.impl.net.NetGuest.F_MAC;
import static org.jvmm.devices.virtio.impl.net.NetGuest.F_MRG_RXBUF;
import static org.jvmm.devices.virtio.impl.net.NetGuest.F_STATUS;

import java.util.List;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.devices.virtio.driver.FakeLine;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MmioGuest;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.impl.mmio.MmioTransport;
import org.jvmm.net.backend.api.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** virtio-net through a snapshot: held receive buffers go back empty, the MAC must match, link changes are told. */
class VirtioNetStateTest {
    static final MacAddress MAC = MacAddress.parse("00:15:5d:12:34:56");

    SwitchableEndpoint endpoint = new SwitchableEndpoint();
    MmioBench bench = new MmioBench(new VirtioNet(endpoint, MAC));
    NetGuest net = new NetGuest(bench, 64);

    @AfterEach
    void close() {
        bench.close();
    }

    @Test
    void buffersHeldForAFrameGoBackEmptyAndTheLinkChangeIsToldAfterRestore() throws Exception {
        net.init(VERSION_1 | F_MAC | F_STATUS | F_MRG_RXBUF);
        net.post(64);
        bench.guest.notify(0);
        endpoint.inject(NetGuest.frame(200, 1));
        assertEquals(List.of(), net.rxq.takeUsed(), "the frame waits for more buffers, holding the first");
        bench.guest.handleInterrupt();
        byte[] saved = bench.transport.state().orElseThrow().save();
        List<Used> returned = net.rxq.takeUsed();
        assertEquals(1, returned.size());
        assertEquals(0, returned.getFirst().len(), "given back empty: a dropped frame");

        SwitchableEndpoint other = new SwitchableEndpoint();
        other.setLink(false);
        FakeLine line = new FakeLine();
        MmioTransport t = new MmioTransport(new VirtioNet(other, MAC), MmioBench.BASE, MmioBench.GSI, bench.mem, line);
        MmioGuest guest = new MmioGuest(t, MmioBench.BASE);
        int generation = bench.guest.read(CONFIG_GENERATION);
        t.state().orElseThrow().restore(1, saved);
        assertEquals(1, other.connects, "connected again on activation");
        assertEquals(generation + 1, guest.read(CONFIG_GENERATION), "the link went down meanwhile: a config change");
        assertEquals(3, guest.handleInterrupt(), "the returned buffer's interrupt (saved) and a config one");
        assertEquals(0, guest.config(6, 2), "status: link down");
        long rx = net.post(1526);
        guest.notify(0);
        other.setLink(true);
        other.inject(NetGuest.frame(98, 2));
        List<Used> used = net.rxq.takeUsed();
        assertEquals(1, used.size());
        assertEquals(NetGuest.HEADER + 98, used.getFirst().len());
        assertEquals(2, net.rxq.usedIdx(), "the ring went on from the empty buffer");
        assertTrue(bench.read(rx + NetGuest.HEADER, 1)[0] == (byte) 0xFF);
    }

    @Test
    void anotherMacIsRefused() {
        net.init(VERSION_1 | F_MAC);
        byte[] saved = bench.transport.state().orElseThrow().save();
        VirtioNet other = new VirtioNet(new SwitchableEndpoint(), MacAddress.parse("00:15:5d:00:00:01"));
        MmioTransport t = new MmioTransport(other, MmioBench.BASE, MmioBench.GSI, bench.mem, new FakeLine());
        StateUnitException e = assertThrows(StateUnitException.class, () -> t.state().orElseThrow().restore(1, saved));
        assertTrue(e.getMessage().contains("00:15:5d:12:34:56"), e.getMessage());
    }
}
