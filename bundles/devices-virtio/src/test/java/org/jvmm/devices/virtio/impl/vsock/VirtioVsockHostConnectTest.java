package org.jvmm.devices.virtio.impl.vsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.impl.vsock.VsockBench.bytes;
import static org.jvmm.devices.virtio.impl.vsock.VsockBench.text;
import static org.jvmm.devices.virtio.impl.vsock.VsockGuest.header;
import static org.jvmm.devices.virtio.impl.vsock.VsockSpec.*;

import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MmioGuest;
import org.jvmm.devices.virtio.impl.vsock.VsockGuest.Packet;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host programs connecting to guest ports through the listener's {@code CONNECT <port>} line. */
class VirtioVsockHostConnectTest {
    @TempDir
    Path dir;

    @Test
    void connectLineReachesAGuestListenerAndBytesFlowBothWays() {
        try (VsockBench bench = new VsockBench(dir)) {
            VsockGuest guest = bench.guest;
            SocketChannel host = UnixHost.connect(bench.base);
            UnixHost.write(host, "CONNECT 1234\nearly");
            Packet request = guest.expect(OP_REQUEST);
            assertEquals(1234, request.header().dstPort());
            int hostPort = request.header().srcPort();
            assertTrue(Integer.compareUnsigned(hostPort, ConnectionTable.FIRST_HOST_PORT) >= 0, "host port " + hostPort);
            assertEquals(VsockBench.LIMITS.bufAlloc(), request.header().bufAlloc());
            guest.expectSilence(50);

            guest.send(header(1234, hostPort, OP_RESPONSE, 0, 0, 64 * 1024, 0), new byte[0]);
            assertEquals("OK " + Integer.toUnsignedString(hostPort) + "\n", UnixHost.readLine(host));
            assertEquals("early", text(guest.expect(OP_RW).payload()), "bytes after the CONNECT line are the stream");
            guest.send(header(1234, hostPort, OP_RW, 0, 4, 64 * 1024, 5), bytes("pong"));
            assertEquals("pong", UnixHost.readText(host, 4));
            assertEquals(1L, guest.inspect("device/host_connects"));
            assertEquals("host ESTABLISHED", guest.inspect("device/connection/1234-" + Integer.toUnsignedString(hostPort)));
        }
    }

    @Test
    void twoHostConnectionsToOneGuestPortGetTheirOwnHostPorts() {
        try (VsockBench bench = new VsockBench(dir)) {
            SocketChannel a = UnixHost.connect(bench.base);
            UnixHost.write(a, "CONNECT 80\r\n");
            int portA = bench.guest.expect(OP_REQUEST).header().srcPort();
            SocketChannel b = UnixHost.connect(bench.base);
            UnixHost.write(b, "CONNECT 80\n");
            int portB = bench.guest.expect(OP_REQUEST).header().srcPort();
            assertTrue(portA != portB);
            bench.guest.send(header(80, portB, OP_RESPONSE, 0, 0, 4096, 0), new byte[0]);
            assertEquals("OK " + Integer.toUnsignedString(portB) + "\n", UnixHost.readLine(b));
            bench.guest.send(header(80, portA, OP_RST, 0, 0, 0, 0), new byte[0]);
            UnixHost.expectEnd(a);
        }
    }

    @Test
    void guestRefusalClosesTheHostSocket() {
        try (VsockBench bench = new VsockBench(dir)) {
            SocketChannel host = UnixHost.connect(bench.base);
            UnixHost.write(host, "CONNECT 9\n");
            int hostPort = bench.guest.expect(OP_REQUEST).header().srcPort();
            bench.guest.send(header(9, hostPort, OP_RST, 0, 0, 0, 0), new byte[0]);
            UnixHost.expectEnd(host);
            assertEquals(0, bench.guest.inspect("device/connections"));
        }
    }

    @Test
    void badRequestLinesAreClosedWithoutBotheringTheGuest() {
        try (VsockBench bench = new VsockBench(dir)) {
            for (String line : new String[] {"HELLO 1\n", "CONNECT 4294967296\n", "CONNECT \n", "CONNECT -1\n",
                "CONNECT 12345678901234567890123456789012345\n", "x".repeat(40)}) {
                SocketChannel host = UnixHost.connect(bench.base);
                UnixHost.write(host, line);
                UnixHost.expectEnd(host);
            }
            bench.guest.expectSilence(50);
            assertEquals(6L, bench.guest.inspect("device/refused"));
        }
    }

    @Test
    void silentHostsAndUnansweredRequestsTimeOut() {
        VsockLimits quick = new VsockLimits(16 * 1024, 8 * 1024, 8, 4, 16, 200);
        try (VsockBench bench = new VsockBench(dir, quick)) {
            UnixHost.expectEnd(UnixHost.connect(bench.base));
            SocketChannel host = UnixHost.connect(bench.base);
            UnixHost.write(host, "CONNECT 5\n");
            int hostPort = bench.guest.expect(OP_REQUEST).header().srcPort();
            UnixHost.expectEnd(host);
            Packet rst = bench.guest.expect(OP_RST);
            assertEquals(hostPort, rst.header().srcPort());
            assertEquals(5, rst.header().dstPort());
        }
    }

    @Test
    void hostsAreRefusedWhileTheDriverIsNotReady() throws Exception {
        Path base = dir.resolve("v");
        try (VirtioVsock device = VirtioVsock.open(3, base, VsockBench.LIMITS); MmioBench bench = new MmioBench(device)) {
            UnixHost.expectEnd(UnixHost.connect(base));
            assertEquals(0, bench.guest.read(MmioGuest.STATUS));
            assertEquals(1L, inspect(device, "refused"));
        }
    }

    @Test
    void deviceResetClosesEveryConnection() throws Exception {
        try (VsockBench bench = new VsockBench(dir)) {
            var server = UnixHost.listen(bench.portPath(7));
            bench.guest.send(header(50, 7, OP_REQUEST, 0, 0, 4096, 0), new byte[0]);
            bench.guest.expect(OP_RESPONSE);
            SocketChannel relayed = UnixHost.accept(server);
            SocketChannel host = UnixHost.connect(bench.base);
            UnixHost.write(host, "CONNECT 8\n");
            bench.guest.expect(OP_REQUEST);
            assertEquals(2, bench.guest.inspect("device/connections"));

            bench.guest.bench.guest.write(MmioGuest.STATUS, 0);
            assertEquals(0, bench.guest.inspect("device/connections"), "reset returns after closing them");
            UnixHost.expectEnd(relayed);
            UnixHost.expectEnd(host);
            UnixHost.expectEnd(UnixHost.connect(bench.base));
            server.close();
        }
    }

    static Object inspect(VirtioVsock device, String path) {
        InspectNode node = new InspectNode();
        device.inspect(node);
        return node.at(path).orElse(null);
    }
}
