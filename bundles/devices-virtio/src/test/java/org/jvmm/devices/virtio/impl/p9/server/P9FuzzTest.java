package org.jvmm.devices.virtio.impl.p9.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jvmm.devices.virtio.impl.p9.proto.P9Type;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random requests against a server over a root beside an "outside" tree: no exception escapes, every
 * reply is well-formed and within its room, the server never fails inside, and nothing outside the root
 * changes. {@value #DEFAULT_CASES} cases per mode in CI ({@code jvmm.virtio.p9.fuzz.cases} and
 * {@code jvmm.virtio.p9.fuzz.seed} override).
 */
class P9FuzzTest {
    static final int DEFAULT_CASES = 20_000;
    /** Held so the level sticks: a failure inside the server is reported by the counter, not the log. */
    private static final Logger LOG = Logger.getLogger("org.jvmm.devices.virtio");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "readOnly={0}")
    @ValueSource(booleans = {false, true})
    void randomRequestsNeverEscapeTheServerOrTheRoot(boolean readOnly) throws Exception {
        long cases = Long.getLong("jvmm.virtio.p9.fuzz.cases", DEFAULT_CASES);
        long seed = Long.getLong("jvmm.virtio.p9.fuzz.seed", readOnly ? 0x9F00D : 0x9F00E);
        OutsideWorld world = new OutsideWorld(tmp);
        String rootBefore = readOnly ? tree(world.root) : null;
        P9Server server = new P9Server(world.root, readOnly, 64, 16);
        Random r = new Random(seed);
        P9MessageGenerator gen = new P9MessageGenerator(r);
        long ok = 0;
        for (long i = 0; i < cases; i++) {
            byte[] m = gen.next();
            long room = switch (r.nextInt(10)) {
                case 0 -> r.nextInt(64);
                case 1 -> r.nextInt(300);
                default -> 1 << 20;
            };
            byte[] reply;
            try {
                reply = server.handle(m, m.length, room);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " case " + i + ": exception escaped", e);
            }
            ok += check(m, room, reply, "seed " + seed + " case " + i) ? 1 : 0;
            gen.observe(m, reply);
        }
        InspectNode n = new InspectNode();
        server.inspect(n);
        assertEquals(0L, n.entries().get("internal_errors"), "no failure inside the server: " + n.toMap());
        assertTrue(ok > cases / 10, "many requests get through: " + ok + " of " + cases);
        world.assertUntouched();
        if (readOnly) {
            assertEquals(rootBefore, tree(world.root), "a read-only root is unchanged");
        }
    }

    /** Checks a reply's framing; returns whether it was a success. */
    private static boolean check(byte[] m, long room, byte[] reply, String where) {
        if (room < P9Type.RLERROR_SIZE) {
            assertEquals(0, reply.length, where + ": no reply without room");
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(reply.length, b.getInt(0), where + ": size field");
        assertTrue(reply.length <= room, where + ": reply within the room");
        int type = b.get(4) & 0xFF;
        int tag = b.getShort(5) & 0xFFFF;
        assertEquals(m.length >= P9Type.HEADER ? (m[5] & 0xFF | (m[6] & 0xFF) << 8) : P9Type.NOTAG, tag, where + ": tag");
        if (type == P9Type.RLERROR) {
            assertEquals(P9Type.RLERROR_SIZE, reply.length, where + ": Rlerror size");
            return false;
        }
        assertEquals((m[4] & 0xFF) + 1, type, where + ": reply type");
        return true;
    }

    private static String tree(Path root) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                sb.append(root.relativize(p)).append(' ').append(Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                        .append(Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : -1).append('\n');
            }
        }
        return sb.toString();
    }

    static {
        LOG.setLevel(Level.SEVERE);
    }
}
