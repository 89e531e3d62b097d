package org.jvmm.devices.virtio.impl.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.DEVICE_ID;
import static org.jvmm.devices.virtio.driver.MmioGuest.STATUS;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;
import static org.jvmm.devices.virtio.impl.fs.server.FuseClient.body;
import static org.jvmm.devices.virtio.impl.fs.server.FuseClient.ok;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.driver.FakeResolveContext;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOpcode;
import org.jvmm.devices.virtio.impl.fs.server.FuseClient;
import org.jvmm.devices.virtio.impl.fs.server.FuseServer;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.resources.VirtioFsHandle;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vmm.resource.ResolveException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** virtio-fs end to end: the mock driver puts FUSE requests in the queues, the device answers in place. */
class VirtioFsTest {
    @TempDir
    Path root;
    VirtioFs device;
    MmioBench bench;
    MockVirtqueue hiprio;
    MockVirtqueue requests;
    FuseClient client;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(root.resolve("hello.txt"), "hello from the host\n");
        device = new VirtioFs("myfs", new FuseServer(root, false), Runnable::run);
        bench = new MmioBench(device);
        hiprio = bench.queue(0, 128);
        requests = bench.queue(1, 128);
        client = new FuseClient(m -> send(requests, 1, m, 8192));
    }

    @AfterEach
    void tearDown() {
        device.close();
        bench.close();
    }

    byte[] send(MockVirtqueue vq, int q, byte[] message, int room) {
        long in = bench.buffer(message.length, message);
        long out = bench.buffer(Math.max(room, 1));
        int head = room == 0 ? vq.add(Buf.in(in, message.length)) : vq.add(Buf.in(in, message.length), Buf.out(out, room));
        bench.guest.notify(q);
        Used used = awaitUsed(vq);
        assertEquals(head, used.id());
        return bench.read(out, used.len());
    }

    static Used awaitUsed(MockVirtqueue vq) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Used> used = vq.takeUsed();
            if (!used.isEmpty()) {
                assertEquals(1, used.size());
                return used.getFirst();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no used buffer within 5 s");
    }

    @Test
    void configSpaceCarriesTheTagAndOneRequestQueue() {
        assertEquals(26, bench.guest.read(DEVICE_ID));
        assertEquals(40, device.configSize());
        assertEquals('m' | 'y' << 8 | 'f' << 16 | 's' << 24, bench.guest.config(0, 4));
        assertEquals(0, bench.guest.config(4, 4), "NUL padded");
        assertEquals(1, bench.guest.config(36, 4), "num_request_queues");
        assertEquals(2, device.queueCount());
    }

    @Test
    void aSessionRunsThroughTheRequestQueueAndForgetsThroughHiprio() {
        bench.guest.init(VERSION_1, hiprio, requests);
        ok(client.init());
        long node = client.node(1, "hello.txt");
        long fh = ok(client.open(node, 0)).u64(0);
        byte[] data = new byte[client.read(FuseOpcode.READ, node, fh, 0, 4096).body().limit()];
        client.read(FuseOpcode.READ, node, fh, 0, 4096).body().get(0, data);
        assertEquals("hello from the host\n", new String(data, StandardCharsets.UTF_8));
        byte[] forget = FuseClient.request(FuseOpcode.FORGET, 77, node, body().u64(1).build());
        assertEquals(0, send(hiprio, 0, forget, 0).length, "FORGET completes with nothing written");
        assertEquals(Errno.ENOENT, client.getattr(node).errno(), "forgotten through hiprio");
        InspectNode n = new InspectNode();
        device.inspect(n);
        assertEquals("myfs", n.entries().get("tag"));
        assertEquals(7L, n.entries().get("completed"), "init lookup open read read forget getattr");
        assertEquals(1, n.at("server/open_handles").orElseThrow());
    }

    @Test
    void aChainWithoutRoomIsReturnedEmptyAndResetEndsTheSession() {
        bench.guest.init(VERSION_1, hiprio, requests);
        ok(client.init());
        byte[] getattr = FuseClient.request(FuseOpcode.GETATTR, 5, 1, body().u32(0).u32(0).u64(0).build());
        assertEquals(0, send(requests, 1, getattr, 0).length);
        assertEquals(0, bench.guest.status() & 64, "no DEVICE_NEEDS_RESET");
        ok(client.open(client.node(1, "hello.txt"), 0));
        bench.guest.write(STATUS, 0);
        InspectNode n = new InspectNode();
        device.inspect(n);
        assertEquals(0, n.at("server/open_handles").orElseThrow());
        assertEquals(false, n.at("server/initialized").orElseThrow());
        hiprio = bench.queue(0, 128);
        requests = bench.queue(1, 128);
        bench.guest.init(VERSION_1, hiprio, requests);
        assertEquals(Errno.EIO, client.getattr(1).errno(), "a new session needs INIT");
        ok(client.init());
    }

    @Test
    void resolverChecksThePathAndHonoursReadOnly() throws Exception {
        VirtioFsResolver resolver = new VirtioFsResolver();
        FakeResolveContext ctx = new FakeResolveContext();
        ResolveException e = assertThrows(ResolveException.class,
                () -> resolver.resolve(new VirtioFsHandle("t", root.resolve("missing").toString(), false), ctx));
        assertTrue(e.getMessage().contains("virtio:virtio-fs") && e.getMessage().contains("does not exist"), e.getMessage());
        e = assertThrows(ResolveException.class,
                () -> resolver.resolve(new VirtioFsHandle("t", root.resolve("hello.txt").toString(), false), ctx));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
        VirtioDevice d = resolver.resolve(new VirtioFsHandle("share", root.toString(), true), ctx);
        assertEquals("virtio-fs", d.name());
        bench.close();
        bench = new MmioBench(d);
        hiprio = bench.queue(0, 128);
        requests = bench.queue(1, 128);
        bench.guest.init(VERSION_1, hiprio, requests);
        ok(client.init());
        assertEquals(Errno.EROFS, client.mkdir(1, "d", 0755).errno(), "the handle's read-only flag");
        d.close();
    }

    @Test
    void handleChecksTheTag() {
        assertEquals("virtio:virtio-fs", new VirtioFsHandle("t", "/x", false).key());
        assertThrows(IllegalArgumentException.class, () -> new VirtioFsHandle("", "/x", false));
        assertThrows(IllegalArgumentException.class, () -> new VirtioFsHandle("x".repeat(37), "/x", false));
        assertThrows(IllegalArgumentException.class, () -> new VirtioFsHandle("t", " ", false));
        assertThrows(NullPointerException.class, () -> new VirtioFsHandle("t", null, false));
    }
}
