package org.jvmm.devices.virtio.impl.vsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.jvmm.devices.virtio.impl.vsock.VsockGuest.header;
import static org.jvmm.devices.virtio.impl.vsock.VsockSpec.*;

import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.SaveRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** virtio-vsock through a snapshot: an open connection refuses it; once closed the device saves. */
class VirtioVsockStateTest {
    static final int GUEST_PORT = 40_000;
    static final int HOST_PORT = 5000;

    @TempDir
    Path dir;
    VsockBench bench;
    ServerSocketChannel server;

    @BeforeEach
    void open() {
        bench = new VsockBench(dir);
        server = UnixHost.listen(bench.portPath(HOST_PORT));
    }

    @AfterEach
    void close() throws Exception {
        bench.close();
        server.close();
    }

    @Test
    void anOpenConnectionRefusesTheSave() throws Exception {
        bench.guest.send(header(GUEST_PORT, HOST_PORT, OP_REQUEST, 0, 0, 64 * 1024, 0), new byte[0]);
        bench.guest.expect(OP_RESPONSE);
        UnixHost.accept(server);
        StateUnit unit = bench.device.state().orElseThrow();
        SaveRefusedException e = assertThrows(SaveRefusedException.class, unit::save);
        assertEquals("virtio-vsock has 1 open connection; snapshots need them closed", e.reason().getMessage());
        bench.guest.send(header(GUEST_PORT, HOST_PORT, OP_RST, 0, 0, 0, 0), new byte[0]);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (((Number) bench.guest.inspect("device/connections")).intValue() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, unit.save().length, "no connection: nothing to keep");
    }
}
