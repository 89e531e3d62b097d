package org.jvmm.devices.virtio.impl.vsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.driver.FakeResolveContext;
import org.jvmm.devices.virtio.resources.VirtioVsockHandle;
import org.jvmm.vm.config.VirtioMmioHandle;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtioVsockResolverTest {
    @TempDir
    Path dir;

    VirtioDevice resolve(Path path) throws ResolveException {
        return new VirtioVsockResolver().resolve(new VirtioVsockHandle(path.toString()), new FakeResolveContext());
    }

    @Test
    void resolvesAListeningDeviceAndCloseRemovesTheSocket() throws Exception {
        Path base = dir.resolve("vs");
        VirtioDevice device = resolve(base);
        assertEquals("virtio-vsock", device.name());
        assertEquals(19, device.deviceId());
        assertEquals(3L, device.readConfig(0, 8));
        assertTrue(Files.exists(base));
        UnixHost.connect(base).close();
        device.close();
        assertFalse(Files.exists(base));
    }

    @Test
    void aStaleSocketFileIsReplacedAndALiveOneIsNot() throws Exception {
        Path base = dir.resolve("vs");
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(base));
            ResolveException e = assertThrows(ResolveException.class, () -> resolve(base));
            assertTrue(e.getMessage().contains("is in use"), e.getMessage());
        }
        assertTrue(Files.exists(base), "a closed listener leaves its socket file");
        resolve(base).close();
    }

    @Test
    void badPathsAreConfigurationErrorsNamingTheDevice() throws Exception {
        ResolveException missingDir = assertThrows(ResolveException.class, () -> resolve(dir.resolve("no/such/dir/vs")));
        assertTrue(missingDir.getMessage().startsWith("virtio:virtio-vsock at virtio[0] failed: cannot listen on "),
                missingDir.getMessage());
        Path file = Files.writeString(dir.resolve("file"), "x");
        ResolveException notSocket = assertThrows(ResolveException.class, () -> resolve(file));
        assertTrue(notSocket.getMessage().endsWith(file + " exists and is not a socket"), notSocket.getMessage());
        assertEquals("x", Files.readString(file), "the file is left alone");
    }

    @Test
    void handleChecksItsFieldsAndRoundTripsThroughJson() throws Exception {
        assertEquals("virtio:virtio-vsock", new VirtioVsockHandle("/tmp/v").key());
        assertEquals(3L, new VirtioVsockHandle("/tmp/v").guestCid());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VirtioVsockHandle(2, "/tmp/v"));
        assertEquals("virtio:virtio-vsock: guestCid must be 3..4294967294, got 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VirtioVsockHandle(0xFFFF_FFFFL, "/tmp/v"));
        assertThrows(IllegalArgumentException.class, () -> new VirtioVsockHandle(" "));

        ObjectMapper mapper = HandleJson.mapper();
        ResourceHandle h = new VirtioMmioHandle(new VirtioVsockHandle(42, "/run/vm.vsock"), 0xFEB0_0000L, 16);
        String json = mapper.writeValueAsString(h);
        assertTrue(json.contains("\"resource\":\"virtio:virtio-vsock\""), json);
        assertTrue(json.contains("\"guestCid\":42"), json);
        HandleTypes types = HandleTypes.of(VirtioVsockHandle.class, VirtioMmioHandle.class);
        assertEquals(h, HandleJson.reader(mapper, types).forType(ResourceHandle.class).readValue(json));
    }

    @Test
    void connectLineParsing() {
        assertEquals(1234, HostHandshake.parsePort(VsockBench.bytes("CONNECT 1234"), 12).orElseThrow());
        assertEquals(-1, HostHandshake.parsePort(VsockBench.bytes("CONNECT 4294967295"), 18).orElseThrow());
        assertTrue(HostHandshake.parsePort(VsockBench.bytes("CONNECT 4294967296"), 18).isEmpty());
        assertTrue(HostHandshake.parsePort(VsockBench.bytes("connect 1"), 9).isEmpty());
        assertTrue(HostHandshake.parsePort(VsockBench.bytes("CONNECT 1x"), 10).isEmpty());
        assertTrue(HostHandshake.parsePort(VsockBench.bytes("CONNECT "), 8).isEmpty());
    }
}
