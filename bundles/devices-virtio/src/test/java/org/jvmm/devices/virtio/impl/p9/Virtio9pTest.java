package org.jvmm.devices.virtio.impl.p9;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.DEVICE_ID;
import static org.jvmm.devices.virtio.driver.MmioGuest.STATUS;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;
import static org.jvmm.devices.virtio.impl.p9.server.P9Client.msg;
import static org.jvmm.devices.virtio.impl.p9.server.P9Client.ok;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.p9.proto.P9Type;
import org.jvmm.devices.virtio.impl.p9.server.OutsideWorld;
import org.jvmm.devices.virtio.impl.p9.server.P9Client;
import org.jvmm.devices.virtio.impl.p9.server.P9Client.Reply;
import org.jvmm.devices.virtio.impl.p9.server.P9Server;
import org.jvmm.devices.virtio.resources.Virtio9pHandle;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vmm.resource.ResolveException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** virtio-9p end to end: the mock driver puts 9P messages in a virtqueue, the device answers in place. */
class Virtio9pTest {
    static final long MOUNT_TAG = 1L << 0;

    @TempDir
    Path tmp;
    OutsideWorld world;
    Virtio9p device;
    MmioBench bench;
    MockVirtqueue vq;
    P9Client client;

    @BeforeEach
    void setUp() throws Exception {
        world = new OutsideWorld(tmp);
        device = new Virtio9p("hostshare", new P9Server(world.root, false), Runnable::run);
        bench = new MmioBench(device);
        vq = bench.queue(0, 128);
        client = new P9Client(m -> send(m, 8192));
    }

    @AfterEach
    void tearDown() {
        device.close();
        bench.close();
        world.assertUntouched();
    }

    /** One request: the message in a readable buffer, {@code room} writable bytes for the reply. */
    byte[] send(byte[] message, int room) {
        long in = bench.buffer(message.length, message);
        long out = bench.buffer(room);
        int head = vq.add(Buf.in(in, message.length), Buf.out(out, room));
        bench.guest.notify(0);
        Used used = awaitUsed();
        assertEquals(head, used.id());
        return bench.read(out, used.len());
    }

    Used awaitUsed() {
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
    void configSpaceCarriesTheMountTag() {
        assertEquals(9, bench.guest.read(DEVICE_ID));
        assertEquals(MOUNT_TAG, bench.guest.deviceFeatures() & 0xFF_FFFF);
        assertEquals(2 + 9, device.configSize());
        assertEquals(9, bench.guest.config(0, 2), "tag_len");
        byte[] tag = new byte[9];
        for (int i = 0; i < 9; i++) {
            tag[i] = (byte) bench.guest.config(2 + i, 1);
        }
        assertEquals("hostshare", new String(tag, StandardCharsets.UTF_8));
        assertEquals(9 | 'h' << 16 | 'o' << 24, bench.guest.config(0, 4));
    }

    @Test
    void aSessionRunsThroughTheQueue() {
        bench.guest.init(VERSION_1 | MOUNT_TAG, vq);
        client.start(0);
        ok(client.lopen(client.walkTo(0, 1, "inside.txt"), 0));
        assertArrayEquals("inside\n".getBytes(), ok(client.read(1, 0, 100)).data());
        assertEquals(1, bench.guest.handleInterrupt(), "used buffer interrupt");
        InspectNode n = new InspectNode();
        device.inspect(n);
        assertEquals("hostshare", n.entries().get("tag"));
        assertEquals(5L, n.entries().get("completed"));
        assertEquals(1, n.at("server/open_files").orElseThrow());
    }

    @Test
    void dataMayLieInSeparateBuffersAsLinuxZeroCopySendsIt() throws Exception {
        bench.guest.init(VERSION_1 | MOUNT_TAG, vq);
        client.start(0);
        ok(client.lopen(client.walkTo(0, 1, "inside.txt"), 2));
        byte[] payload = "zero-copy payload".getBytes();
        byte[] header = msg().u32(1).u64(0).u32(payload.length).build(P9Type.TWRITE, 40);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(0, header.length + payload.length);
        long h = bench.buffer(header.length, header);
        long d = bench.buffer(payload.length, payload);
        long r = bench.buffer(64);
        vq.add(Buf.in(h, header.length), Buf.in(d, payload.length), Buf.out(r, 64));
        bench.guest.notify(0);
        assertEquals(11, awaitUsed().len());
        assertEquals(payload.length, ByteBuffer.wrap(bench.read(r, 11)).order(ByteOrder.LITTLE_ENDIAN).getInt(7));
        assertEquals("zero-copy payload", Files.readString(world.root.resolve("inside.txt")));

        byte[] read = msg().u32(1).u64(5).u32(4096).build(P9Type.TREAD, 41);
        long rq = bench.buffer(read.length, read);
        long replyHeader = bench.buffer(11);
        long data = bench.buffer(4096);
        vq.add(Buf.in(rq, read.length), Buf.out(replyHeader, 11), Buf.out(data, 4096));
        bench.guest.notify(0);
        assertEquals(11 + 12, awaitUsed().len());
        assertEquals(12, ByteBuffer.wrap(bench.read(replyHeader, 11)).order(ByteOrder.LITTLE_ENDIAN).getInt(7));
        assertEquals("copy payload", new String(bench.read(data, 12), StandardCharsets.UTF_8));
    }

    @Test
    void aChainWithoutRoomForAReplyIsReturnedEmptyAndTheDeviceGoesOn() {
        bench.guest.init(VERSION_1 | MOUNT_TAG, vq);
        byte[] version = msg().u32(8192).str("9P2000.L").build(P9Type.TVERSION, P9Type.NOTAG);
        vq.add(Buf.in(bench.buffer(version.length, version), version.length));
        bench.guest.notify(0);
        assertEquals(0, awaitUsed().len());
        vq.add(Buf.in(bench.buffer(4, (byte) 1), 4), Buf.out(bench.buffer(64), 64));
        bench.guest.notify(0);
        assertEquals(11, awaitUsed().len(), "a 4-byte message gets an Rlerror");
        client.start(0);
        assertEquals(0, bench.guest.status() & 64, "no DEVICE_NEEDS_RESET");
    }

    @Test
    void resetEndsTheSessionAndClosesFiles() {
        bench.guest.init(VERSION_1 | MOUNT_TAG, vq);
        client.start(0);
        ok(client.lopen(client.walkTo(0, 1, "inside.txt"), 0));
        bench.guest.write(STATUS, 0);
        InspectNode n = new InspectNode();
        device.inspect(n);
        assertEquals(0, n.at("server/open_files").orElseThrow());
        assertEquals(0, n.at("server/fids").orElseThrow());
        vq = bench.queue(0, 128);
        bench.guest.init(VERSION_1 | MOUNT_TAG, vq);
        assertEquals(Errno.EPROTO, client.attach(0).errno(), "a new session needs Tversion");
        client.start(0);
    }

    @Test
    void resolverChecksThePathAndServesOnItsOwnThread() throws Exception {
        Virtio9pResolver resolver = new Virtio9pResolver();
        FakeResolveContext ctx = new FakeResolveContext();
        ResolveException e = assertThrows(ResolveException.class,
                () -> resolver.resolve(new Virtio9pHandle("t", tmp.resolve("missing").toString(), false), ctx));
        assertTrue(e.getMessage().contains("virtio:virtio-9p") && e.getMessage().contains("does not exist"), e.getMessage());
        e = assertThrows(ResolveException.class,
                () -> resolver.resolve(new Virtio9pHandle("t", world.root.resolve("inside.txt").toString(), false), ctx));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
        VirtioDevice d = resolver.resolve(new Virtio9pHandle("share", world.tmp.resolve("root/dir/..").toString(), true), ctx);
        assertEquals("virtio-9p", d.name());
        bench.close();
        bench = new MmioBench(d);
        vq = bench.queue(0, 128);
        bench.guest.init(VERSION_1 | MOUNT_TAG, vq);
        client.start(0);
        assertEquals(Errno.EROFS, client.mkdir(0, "d", 0755).errno(), "the handle's read-only flag");
        Reply r = ok(client.getattr(0));
        assertEquals((long) (Long) Files.getAttribute(world.root, "unix:ino"), r.body().getLong(13), "root resolved");
        d.close();
    }
}
