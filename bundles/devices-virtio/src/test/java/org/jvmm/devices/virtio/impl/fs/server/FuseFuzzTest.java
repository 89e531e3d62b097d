package org.jvmm.devices.virtio.impl.fs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.impl.fs.server.FuseClient.body;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOpcode;
import org.jvmm.devices.virtio.impl.fs.server.FuseClient.Body;
import org.jvmm.devices.virtio.impl.p9.server.OutsideWorld;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random FUSE requests (plausible structures with hostile names, random bytes, truncations) against a
 * root with links pointing out: no exception, every reply well formed and within the room, nothing
 * outside the root touched. {@code -Dfs.fuzz.cases=1000000} for a long run.
 */
class FuseFuzzTest {
    static final int CASES = Integer.getInteger("fs.fuzz.cases", 20_000);
    static final String[] NAMES = {"inside.txt", "dir", "rel_out", "abs_out", "etc", "secret_link", "..", ".", "",
        "pwned", "jvmm-p9-pwned", "new", "a/b", "../outside", "/etc/passwd", "x".repeat(300)};
    static final int[] OPS = {FuseOpcode.LOOKUP, FuseOpcode.FORGET, FuseOpcode.GETATTR, FuseOpcode.SETATTR,
        FuseOpcode.READLINK, FuseOpcode.SYMLINK, FuseOpcode.MKDIR, FuseOpcode.UNLINK, FuseOpcode.RMDIR,
        FuseOpcode.RENAME, FuseOpcode.LINK, FuseOpcode.OPEN, FuseOpcode.READ, FuseOpcode.WRITE, FuseOpcode.STATFS,
        FuseOpcode.RELEASE, FuseOpcode.FSYNC, FuseOpcode.FLUSH, FuseOpcode.INIT, FuseOpcode.OPENDIR,
        FuseOpcode.READDIR, FuseOpcode.RELEASEDIR, FuseOpcode.FSYNCDIR, FuseOpcode.ACCESS, FuseOpcode.CREATE,
        FuseOpcode.DESTROY, FuseOpcode.BATCH_FORGET, FuseOpcode.READDIRPLUS, FuseOpcode.RENAME2, 7, 99};

    @TempDir
    Path tmp;

    @Test
    void randomRequestsNeverEscapeOrThrow() throws Exception {
        OutsideWorld world = new OutsideWorld(tmp);
        FuseServer server = new FuseServer(world.root, false);
        Random rnd = new Random(0x5eed_f5L);
        for (int i = 0; i < CASES; i++) {
            byte[] req = i % 32 == 0 ? FuseClient.request(FuseOpcode.INIT, i, 0,
                    body().u32(7).u32(31).u32(0).u32(-1).build()) : request(rnd);
            int len = rnd.nextInt(10) == 0 ? rnd.nextInt(req.length + 1) : req.length;
            int room = rnd.nextInt(8) == 0 ? rnd.nextInt(200) : 1 << 16;
            byte[] reply = server.handle(req, len, room);
            if (reply != null) {
                assertTrue(reply.length <= room, "reply within the room");
                if (reply.length > 0) {
                    assertEquals(reply.length, ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
                }
            }
        }
        InspectNode n = new InspectNode();
        server.inspect(n);
        assertEquals(0L, n.entries().get("internal_errors"), "no request hit a bug");
        assertEquals((long) CASES, n.entries().get("requests"));
        long errors = (Long) n.entries().get("errors");
        assertTrue(errors < CASES * 0.95, "some requests succeed (" + errors + " errors)");
        server.reset();
        world.assertUntouched();
    }

    private static byte[] request(Random rnd) {
        int op = OPS[rnd.nextInt(OPS.length)];
        long node = rnd.nextInt(6) == 0 ? rnd.nextLong() : 1 + rnd.nextInt(12);
        if (rnd.nextInt(12) == 0) {
            byte[] junk = new byte[rnd.nextInt(120)];
            rnd.nextBytes(junk);
            return FuseClient.request(op, rnd.nextLong(), node, junk);
        }
        Body b = body();
        switch (op) {
            case FuseOpcode.INIT -> b.u32(7).u32(20 + rnd.nextInt(30)).u32(65536).u32(rnd.nextInt()).bytes(new byte[48]);
            case FuseOpcode.LOOKUP, FuseOpcode.UNLINK, FuseOpcode.RMDIR, FuseOpcode.READLINK -> b.str(name(rnd));
            case FuseOpcode.MKDIR -> b.u32(0755).u32(022).str(name(rnd));
            case FuseOpcode.CREATE -> b.u32(rnd.nextInt(4) | rnd.nextInt(2) * 0200 | rnd.nextInt(2) * 01000)
                    .u32(0644).u32(022).u32(0).str(name(rnd));
            case FuseOpcode.SYMLINK -> b.str(name(rnd)).str(name(rnd));
            case FuseOpcode.LINK -> b.u64(1 + rnd.nextInt(12)).str(name(rnd));
            case FuseOpcode.RENAME -> b.u64(1 + rnd.nextInt(12)).str(name(rnd)).str(name(rnd));
            case FuseOpcode.RENAME2 -> b.u64(1 + rnd.nextInt(12)).u32(rnd.nextInt(4)).u32(0).str(name(rnd)).str(name(rnd));
            case FuseOpcode.SETATTR -> b.u32(rnd.nextInt(512)).u32(0).u64(rnd.nextInt(8)).u64(rnd.nextInt(100000))
                    .u64(0).u64(rnd.nextLong()).u64(rnd.nextInt()).u64(0).u32(rnd.nextInt()).u32(rnd.nextInt(1 << 30))
                    .u32(0).u32(rnd.nextInt(01000)).u32(0).u32(rnd.nextInt(3)).u32(rnd.nextInt(3)).u32(0);
            case FuseOpcode.WRITE -> {
                byte[] data = new byte[rnd.nextInt(64)];
                b.u64(rnd.nextInt(8)).u64(rnd.nextInt(1 << 20)).u32(rnd.nextInt(8) == 0 ? rnd.nextInt() : data.length)
                        .u32(0).u64(0).u32(0).u32(0).bytes(data);
            }
            case FuseOpcode.READ, FuseOpcode.READDIR, FuseOpcode.READDIRPLUS ->
                    b.u64(rnd.nextInt(8)).u64(rnd.nextInt(8) == 0 ? rnd.nextLong() : rnd.nextInt(6)).u32(rnd.nextInt())
                            .u32(0).u64(0).u32(0).u32(0);
            case FuseOpcode.BATCH_FORGET -> b.u32(rnd.nextInt(4)).u32(0).u64(1 + rnd.nextInt(12)).u64(rnd.nextInt(3));
            default -> b.u64(rnd.nextInt(8)).u32(rnd.nextInt()).u32(rnd.nextInt()).u64(0);
        }
        return FuseClient.request(op, rnd.nextLong(), node, b.build());
    }

    private static String name(Random rnd) {
        return NAMES[rnd.nextInt(NAMES.length)];
    }
}
