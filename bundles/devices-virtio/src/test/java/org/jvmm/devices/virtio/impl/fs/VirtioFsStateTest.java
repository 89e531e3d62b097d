package org.jvmm.devices.virtio.impl.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;
import static org.jvmm.devices.virtio.impl.fs.VirtioFsTest.awaitUsed;
import static org.jvmm.devices.virtio.impl.fs.server.FuseClient.ok;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.devices.virtio.driver.FakeLine;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MmioGuest;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOpcode;
import org.jvmm.devices.virtio.impl.fs.server.FuseClient;
import org.jvmm.devices.virtio.impl.fs.server.FuseServer;
import org.jvmm.devices.virtio.impl.mmio.MmioTransport;
import org.jvmm.chipset.api.SaveRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** virtio-fs through a snapshot: refused with a file open, the session (node ids) kept once it is closed. */
class VirtioFsStateTest {
    @TempDir
    Path root;
    MmioBench bench;
    VirtioFs device;
    MmioGuest guest;
    MockVirtqueue hiprio;
    MockVirtqueue requests;
    FuseClient client;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(root.resolve("hello.txt"), "hello from the host\n");
        device = new VirtioFs("myfs", new FuseServer(root, false), Runnable::run);
        bench = new MmioBench(device);
        guest = bench.guest;
        hiprio = bench.queue(0, 128);
        requests = bench.queue(1, 128);
        client = new FuseClient(this::send);
        guest.init(VERSION_1, hiprio, requests);
        ok(client.init());
    }

    @AfterEach
    void tearDown() {
        device.close();
        bench.close();
    }

    private byte[] send(byte[] message) {
        long in = bench.buffer(message.length, message);
        long out = bench.buffer(8192);
        int head = requests.add(Buf.in(in, message.length), Buf.out(out, 8192));
        guest.notify(1);
        Used used = awaitUsed(requests);
        assertEquals(head, used.id());
        return bench.read(out, used.len());
    }

    private static StateUnit unit(MmioTransport t) {
        return t.state().orElseThrow();
    }

    @Test
    void anOpenFileRefusesTheSaveAndNamesWhy() {
        long node = client.node(1, "hello.txt");
        long fh = ok(client.open(node, 0)).u64(0);
        SaveRefusedException e = assertThrows(SaveRefusedException.class, () -> unit(bench.transport).save());
        StateUnitException reason = assertInstanceOf(StateUnitException.class, e.getCause());
        assertEquals("virtio-fs myfs has 1 open file; snapshots need them closed", reason.getMessage());
        ok(client.release(FuseOpcode.RELEASE, node, fh));
        assertTrue(unit(bench.transport).save().length > 0, "saved once the file is closed");
    }

    @Test
    void theGuestsNodeIdsAndTheRingsGoOnInAFreshDevice() throws Exception {
        long node = client.node(1, "hello.txt");
        long fh = ok(client.open(node, 0)).u64(0);
        ok(client.release(FuseOpcode.RELEASE, node, fh));
        byte[] saved = unit(bench.transport).save();

        VirtioFs fresh = new VirtioFs("myfs", new FuseServer(root, false), Runnable::run);
        try {
            MmioTransport t = new MmioTransport(fresh, MmioBench.BASE, MmioBench.GSI, bench.mem, new FakeLine());
            unit(t).restore(1, saved);
            guest = new MmioGuest(t, MmioBench.BASE);
            assertEquals(0, client.getattr(node).errno(), "the node id the kernel holds still names hello.txt");
            long fh2 = ok(client.open(node, 0)).u64(0);
            assertNotEquals(fh, fh2, "file handles are not reused within the session");
            byte[] data = new byte[20];
            client.read(FuseOpcode.READ, node, fh2, 0, 4096).body().get(0, data);
            assertEquals("hello from the host\n", new String(data, StandardCharsets.UTF_8));
            assertEquals(node, client.node(1, "hello.txt"), "a lookup finds the same node");
        } finally {
            fresh.close();
        }
    }

    @Test
    void anotherShareIsRefused() throws Exception {
        byte[] saved = unit(bench.transport).save();
        VirtioFs other = new VirtioFs("other", new FuseServer(root, false), Runnable::run);
        try {
            MmioTransport t = new MmioTransport(other, MmioBench.BASE, MmioBench.GSI, bench.mem, new FakeLine());
            StateUnitException e = assertThrows(StateUnitException.class, () -> unit(t).restore(1, saved));
            assertTrue(e.getMessage().contains("tag myfs"), e.getMessage());
        } finally {
            other.close();
        }
    }
}
