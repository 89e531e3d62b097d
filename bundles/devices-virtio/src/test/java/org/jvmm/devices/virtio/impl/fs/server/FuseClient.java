package org.jvmm.devices.virtio.impl.fs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOpcode;

/** The guest kernel's side of FUSE for tests: builds requests, sends them, decodes replies. */
public final class FuseClient {
    /** A decoded reply: errno (positive, 0 on success) and the body, little-endian, positioned at 0. */
    public record Reply(int errno, long unique, ByteBuffer body) {
        public long u64(int at) {
            return body.getLong(at);
        }

        public int u32(int at) {
            return body.getInt(at);
        }
    }

    /** Builds a request body. */
    public static final class Body {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        public Body u32(int v) {
            ByteBuffer x = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v);
            b.writeBytes(x.array());
            return this;
        }

        public Body u64(long v) {
            ByteBuffer x = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
            b.writeBytes(x.array());
            return this;
        }

        public Body str(String s) {
            b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            b.write(0);
            return this;
        }

        public Body bytes(byte[] d) {
            b.writeBytes(d);
            return this;
        }

        public byte[] build() {
            return b.toByteArray();
        }
    }

    private final Function<byte[], byte[]> transport;
    private long unique = 1;

    /** @param transport sends a whole request, returns the whole reply (null when none) */
    public FuseClient(Function<byte[], byte[]> transport) {
        this.transport = transport;
    }

    public static Body body() {
        return new Body();
    }

    /** A whole request: fuse_in_header (len opcode unique nodeid uid gid pid extlen padding) and body. */
    public static byte[] request(int opcode, long unique, long nodeid, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(40 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(40 + body.length).putInt(opcode).putLong(unique).putLong(nodeid).putInt(0).putInt(0).putInt(1)
                .putInt(0).put(body);
        return b.array();
    }

    public static Reply decode(byte[] reply) {
        ByteBuffer b = ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(reply.length, b.getInt(0), "out header len");
        int error = b.getInt(4);
        ByteBuffer body = b.position(16).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new Reply(-error, b.getLong(8), body);
    }

    public Reply send(int opcode, long nodeid, Body body) {
        long u = unique++;
        byte[] r = transport.apply(request(opcode, u, nodeid, body.build()));
        Reply reply = decode(r);
        assertEquals(u, reply.unique(), "unique echoed");
        return reply;
    }

    public static Reply ok(Reply r) {
        assertEquals(0, r.errno(), "errno");
        return r;
    }

    public Reply init() {
        return send(FuseOpcode.INIT, 0, body().u32(7).u32(38).u32(128 << 10).u32(-1).u32(0).bytes(new byte[44]));
    }

    public Reply statfs() {
        return send(FuseOpcode.STATFS, 1, body());
    }

    public Reply lookup(long parent, String name) {
        return send(FuseOpcode.LOOKUP, parent, body().str(name));
    }

    /** The nodeid of a successful lookup. */
    public long node(long parent, String name) {
        return ok(lookup(parent, name)).u64(0);
    }

    public Reply getattr(long node) {
        return send(FuseOpcode.GETATTR, node, body().u32(0).u32(0).u64(0));
    }

    public Reply open(long node, int flags) {
        return send(FuseOpcode.OPEN, node, body().u32(flags).u32(0));
    }

    public Reply opendir(long node) {
        return send(FuseOpcode.OPENDIR, node, body().u32(0).u32(0));
    }

    public Reply read(int opcode, long node, long fh, long offset, int size) {
        return send(opcode, node, body().u64(fh).u64(offset).u32(size).u32(0).u64(0).u32(0).u32(0));
    }

    public Reply write(long node, long fh, long offset, byte[] data) {
        return send(FuseOpcode.WRITE, node, body().u64(fh).u64(offset).u32(data.length).u32(0).u64(0).u32(0).u32(0)
                .bytes(data));
    }

    public Reply release(int opcode, long node, long fh) {
        return send(opcode, node, body().u64(fh).u32(0).u32(0).u64(0));
    }

    public Reply create(long parent, String name, int flags, int mode) {
        return send(FuseOpcode.CREATE, parent, body().u32(flags).u32(mode).u32(022).u32(0).str(name));
    }

    public Reply mkdir(long parent, String name, int mode) {
        return send(FuseOpcode.MKDIR, parent, body().u32(mode).u32(022).str(name));
    }

    public Reply unlink(int opcode, long parent, String name) {
        return send(opcode, parent, body().str(name));
    }

    public Reply rename(long parent, String from, long newParent, String to) {
        return send(FuseOpcode.RENAME, parent, body().u64(newParent).str(from).str(to));
    }

    public Reply rename2(long parent, String from, long newParent, String to, int flags) {
        return send(FuseOpcode.RENAME2, parent, body().u64(newParent).u32(flags).u32(0).str(from).str(to));
    }

    public Reply symlink(long parent, String name, String target) {
        return send(FuseOpcode.SYMLINK, parent, body().str(name).str(target));
    }

    /** fuse_setattr_in with {@code valid} and the fields given. */
    public Reply setattr(long node, int valid, long fh, long size, long mtime, int mode) {
        return send(FuseOpcode.SETATTR, node, body().u32(valid).u32(0).u64(fh).u64(size).u64(0).u64(0).u64(mtime)
                .u64(0).u32(0).u32(0).u32(0).u32(mode).u32(0).u32(0).u32(0).u32(0));
    }
}
