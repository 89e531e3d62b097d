package org.jvmm.devices.virtio.impl.fs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.jvmm.devices.virtio.impl.fs.server.FuseClient.body;
import static org.jvmm.devices.virtio.impl.fs.server.FuseClient.ok;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOpcode;
import org.jvmm.devices.virtio.impl.fs.server.FuseClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvmm.devices.virtio.impl.hostfs.Errno;

/** Truncated and inconsistent requests fail with an errno; the server goes on. */
class FuseMalformedTest {
    @TempDir
    Path root;
    FuseServer server;
    FuseClient c;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(root.resolve("f"), "data");
        server = new FuseServer(root, false);
        c = new FuseClient(req -> server.handle(req, req.length, 1 << 20));
        ok(c.init());
    }

    @Test
    void shortHeadersAndWrongLengthsAreEinval() {
        for (int n = 0; n < 40; n++) {
            Reply r = FuseClient.decode(server.handle(new byte[n], n, 100));
            assertEquals(Errno.EINVAL, r.errno(), "header of " + n + " bytes");
        }
        byte[] req = FuseClient.request(FuseOpcode.GETATTR, 5, 1, body().u32(0).u32(0).u64(0).build());
        ByteBuffer.wrap(req).order(ByteOrder.LITTLE_ENDIAN).putInt(0, req.length + 1);
        Reply r = FuseClient.decode(server.handle(req, req.length, 200));
        assertEquals(Errno.EINVAL, r.errno(), "len beyond the buffer");
        assertEquals(5, r.unique());
        ByteBuffer.wrap(req).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 39);
        assertEquals(Errno.EINVAL, FuseClient.decode(server.handle(req, req.length, 200)).errno());
    }

    @Test
    void everyOpcodeWithTruncatedArgumentsFailsCleanly() {
        long f = c.node(1, "f");
        for (int op = 1; op <= 52; op++) {
            if (op == FuseOpcode.FORGET || op == FuseOpcode.BATCH_FORGET || op == FuseOpcode.DESTROY
                    || op == FuseOpcode.INIT || op == FuseOpcode.STATFS) {
                continue;
            }
            for (long node : new long[] {1, f}) {
                Reply r = c.send(op, node, body());
                int e = r.errno();
                boolean expected = e == Errno.EINVAL || e == Errno.ENOSYS || op == FuseOpcode.GETATTR && e == 0
                        || op == FuseOpcode.READLINK && e == Errno.EINVAL;
                assertEquals(true, expected, "opcode " + op + " on node " + node + " gave errno " + e);
            }
        }
        assertEquals(Errno.EINVAL, c.send(FuseOpcode.LOOKUP, 1, body().bytes("no-nul".getBytes())).errno());
        assertEquals(Errno.EINVAL, c.send(FuseOpcode.INIT, 0, body().u32(7)).errno(), "short INIT");
        ok(c.init());
        assertEquals(Errno.ENOENT, c.getattr(f).errno(), "a new INIT starts a new session");
        ok(c.getattr(c.node(1, "f")));
    }

    @Test
    void writeSizeBeyondItsDataAndHugeReadsAreBounded() throws Exception {
        long f = c.node(1, "f");
        long fh = ok(c.open(f, 2)).u64(0);
        Reply w = c.send(FuseOpcode.WRITE, f, body().u64(fh).u64(0).u32(1000).u32(0).u64(0).u32(0).u32(0)
                .bytes(new byte[10]));
        assertEquals(Errno.EINVAL, w.errno());
        assertEquals(Errno.EINVAL, c.write(f, fh, -5, new byte[1]).errno(), "negative offset");
        assertEquals("data", Files.readString(root.resolve("f")));
        byte[] req = FuseClient.request(FuseOpcode.READ, 9, f,
                body().u64(fh).u64(0).u32(-1).u32(0).u64(0).u32(0).u32(0).build());
        byte[] reply = server.handle(req, req.length, 16 + 2);
        assertEquals(16 + 2, reply.length, "READ clipped to the guest's room");
        assertEquals(0, server.handle(req, req.length, 15).length, "no room for a header: nothing written");
        byte[] init = FuseClient.request(FuseOpcode.GETATTR, 3, f, body().u32(0).u32(0).u64(0).build());
        assertEquals(Errno.ERANGE, FuseClient.decode(server.handle(init, init.length, 40)).errno(), "attr_out needs 104");
        byte[] forget = FuseClient.request(FuseOpcode.BATCH_FORGET, 4, 0, body().u32(-1).u32(0).u64(f).build());
        assertEquals(null, server.handle(forget, forget.length, 0), "batch count beyond the data is bounded");
        byte[] junk = Arrays.copyOf(forget, 8);
        assertNotNull(server.handle(junk, junk.length, 64));
    }
}
