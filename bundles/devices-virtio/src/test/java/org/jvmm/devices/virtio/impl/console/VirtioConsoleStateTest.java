package org.jvmm.devices.virtio.impl.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jvmm.chipset.serial.MemorySerialBackend;
import org.jvmm.devices.virtio.driver.FakeLine;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MmioGuest;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.impl.mmio.MmioTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** virtio-console through a snapshot: the host byte taken while no receive buffer was there is not lost. */
class VirtioConsoleStateTest {
    MemorySerialBackend backend = new MemorySerialBackend();
    VirtioConsole console = new VirtioConsole(backend);
    MmioBench bench = new MmioBench(console);
    MockVirtqueue rx = bench.queue(0, 16);
    MockVirtqueue tx = bench.queue(1, 16);

    @AfterEach
    void close() {
        bench.close();
    }

    @Test
    void thePendingInputByteReachesTheGuestAfterRestore() throws Exception {
        bench.guest.init(VERSION_1, rx, tx);
        backend.feed("x");
        console.pumpInput();
        byte[] saved = bench.transport.state().orElseThrow().save();

        MmioTransport t = new MmioTransport(new VirtioConsole(new MemorySerialBackend()), MmioBench.BASE,
                MmioBench.GSI, bench.mem, new FakeLine());
        t.state().orElseThrow().restore(1, saved);
        MmioGuest guest = new MmioGuest(t, MmioBench.BASE);
        long buf = bench.buffer(8);
        int head = rx.add(Buf.out(buf, 8));
        guest.notify(0);
        assertEquals(List.of(new Used(head, 1)), rx.takeUsed(), "the byte the backend no longer has");
        assertEquals("x", new String(bench.read(buf, 1), StandardCharsets.US_ASCII));
    }
}
