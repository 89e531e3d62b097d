package org.jvmm.devices.virtio.impl.p9;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.NEEDS_RESET;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.impl.p9.server.OutsideWorld;
import org.jvmm.devices.virtio.impl.p9.server.P9MessageGenerator;
import org.jvmm.devices.virtio.impl.p9.server.P9Server;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random 9P requests through the virtqueue, each split over random readable buffers with a random
 * amount of reply room split over random writable buffers: every chain comes back, within its room,
 * the device never needs a reset, and nothing outside the export changes. {@value #DEFAULT_CASES}
 * cases in CI ({@code jvmm.virtio.p9.chain.cases} overrides).
 */
class Virtio9pFuzzTest {
    static final int DEFAULT_CASES = 3_000;
    static final int AREA = 1 << 17;

    @TempDir
    Path tmp;

    @Test
    void randomRequestsInRandomChains() throws Exception {
        long cases = Long.getLong("jvmm.virtio.p9.chain.cases", DEFAULT_CASES);
        long seed = Long.getLong("jvmm.virtio.p9.fuzz.seed", 0x9F0C);
        OutsideWorld world = new OutsideWorld(tmp);
        P9Server server = new P9Server(world.root, false, 64, 16);
        Random r = new Random(seed);
        P9MessageGenerator gen = new P9MessageGenerator(r);
        try (MmioBench bench = new MmioBench(new Virtio9p("fuzz", server, Runnable::run))) {
            MockVirtqueue vq = bench.queue(0, 128);
            bench.guest.init(VERSION_1 | 1, vq);
            long in = bench.buffer(AREA);
            long out = bench.buffer(AREA);
            int replies = 0;
            for (long i = 0; i < cases; i++) {
                byte[] m = gen.next();
                bench.mem.write(in, m, 0, Math.min(m.length, AREA));
                int room = r.nextInt(4) == 0 ? r.nextInt(32) : r.nextInt(AREA);
                List<Buf> bufs = split(r, in, Math.min(m.length, AREA), false);
                bufs.addAll(split(r, out, room, true));
                if (bufs.isEmpty()) {
                    bufs.add(Buf.out(out, 1));
                    room = 1;
                }
                vq.add(bufs.toArray(Buf[]::new));
                bench.guest.notify(0);
                List<Used> used = vq.takeUsed();
                String where = "seed " + seed + " case " + i;
                assertEquals(1, used.size(), where + ": the chain comes back");
                assertTrue(used.getFirst().len() <= room, where + ": within the room");
                byte[] reply = bench.read(out, used.getFirst().len());
                if (reply.length > 0) {
                    assertEquals(reply.length, ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN).getInt(0), where);
                    replies++;
                }
                gen.observe(m, reply);
            }
            assertEquals(0, bench.guest.status() & NEEDS_RESET, "the device never gives up");
            assertTrue(replies > cases / 2, "most chains get a reply: " + replies);
            InspectNode n = new InspectNode();
            server.inspect(n);
            assertEquals(0L, n.entries().get("internal_errors"), n.toMap().toString());
        }
        world.assertUntouched();
    }

    /** {@code len} bytes at {@code at} as 1 to 3 consecutive buffers (none when len is 0 for readable). */
    private static List<Buf> split(Random r, long at, int len, boolean writable) {
        List<Buf> out = new ArrayList<>();
        int parts = len < 3 ? 1 : 1 + r.nextInt(3);
        int done = 0;
        for (int p = 0; p < parts; p++) {
            int n = p == parts - 1 ? len - done : r.nextInt(len - done + 1);
            if (n > 0) {
                out.add(new Buf(at + done, n, writable));
            }
            done += n;
        }
        return out;
    }
}
