package org.jvmm.devices.virtio.impl.p9.server;

import static org.jvmm.devices.virtio.impl.p9.proto.P9Type.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jvmm.devices.virtio.impl.p9.proto.Qid;

/** The guest side of 9P2000.L for tests: encodes T-messages, sends them, decodes the reply header. */
public final class P9Client {
    public static final int RLERROR_TYPE = RLERROR;

    private final Function<byte[], byte[]> transport;
    private int tag = 1;

    public P9Client(Function<byte[], byte[]> transport) {
        this.transport = transport;
    }

    /** Sends straight to a server with a large reply room. */
    public static P9Client of(P9Server server) {
        return new P9Client(m -> server.handle(m, m.length, 1 << 20));
    }

    /** A T-message body under construction. */
    public static final class Msg {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        public Msg u8(int v) {
            b.write(v);
            return this;
        }

        public Msg u16(int v) {
            return u8(v).u8(v >>> 8);
        }

        public Msg u32(int v) {
            return u16(v).u16(v >>> 16);
        }

        public Msg u64(long v) {
            return u32((int) v).u32((int) (v >>> 32));
        }

        public Msg str(String s) {
            return raw(s.getBytes(StandardCharsets.UTF_8), true);
        }

        public Msg raw(byte[] data, boolean withLength) {
            if (withLength) {
                u16(data.length);
            }
            b.writeBytes(data);
            return this;
        }

        public byte[] build(int type, int tag) {
            byte[] body = b.toByteArray();
            ByteBuffer m = ByteBuffer.allocate(HEADER + body.length).order(ByteOrder.LITTLE_ENDIAN);
            m.putInt(HEADER + body.length).put((byte) type).putShort((short) tag).put(body);
            return m.array();
        }
    }

    public static Msg msg() {
        return new Msg();
    }

    /** A decoded reply: type, tag and the body to read fields from (little-endian). */
    public record Reply(int type, int tag, ByteBuffer body, int length) {
        public static Reply parse(byte[] r) {
            ByteBuffer b = ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN);
            int size = b.getInt();
            if (size != r.length) {
                throw new AssertionError("size field " + size + " but " + r.length + " bytes");
            }
            return new Reply(b.get() & 0xFF, b.getShort() & 0xFFFF, b.slice().order(ByteOrder.LITTLE_ENDIAN), r.length);
        }

        public boolean isError() {
            return type == RLERROR;
        }

        /** The errno of an Rlerror, 0 otherwise. */
        public int errno() {
            return isError() ? body.getInt(0) : 0;
        }

        public String str() {
            int n = body.getShort() & 0xFFFF;
            byte[] s = new byte[n];
            body.get(s);
            return new String(s, StandardCharsets.UTF_8);
        }

        public Qid qid() {
            return new Qid(body.get() & 0xFF, body.getInt(), body.getLong());
        }

        /** Rread data. */
        public byte[] data() {
            byte[] d = new byte[body.getInt()];
            body.get(d);
            return d;
        }
    }

    /** One directory entry of Rreaddir. */
    public record Dirent(Qid qid, long offset, int type, String name) {
    }

    public Reply rpc(int type, Msg body) {
        int t = tag++ & 0x7FFF;
        Reply r = Reply.parse(transport.apply(body.build(type, t)));
        if (r.tag() != t) {
            throw new AssertionError("reply tag " + r.tag() + " for request tag " + t);
        }
        if (!r.isError() && r.type() != type + 1) {
            throw new AssertionError("reply type " + r.type() + " for request type " + type);
        }
        return r;
    }

    public Reply version(int msize, String version) {
        return rpc(TVERSION, msg().u32(msize).str(version));
    }

    public Reply attach(int fid) {
        return rpc(TATTACH, msg().u32(fid).u32(NOFID).str("root").str("").u32(0));
    }

    /** Tversion (512 KiB, 9P2000.L) and Tattach of {@code fid}; returns the root qid. */
    public Qid start(int fid) {
        ok(version(1 << 20, VERSION_L));
        return ok(attach(fid)).qid();
    }

    public Reply walk(int fid, int newfid, String... names) {
        Msg m = msg().u32(fid).u32(newfid).u16(names.length);
        for (String n : names) {
            m.str(n);
        }
        return rpc(TWALK, m);
    }

    public static List<Qid> qids(Reply walk) {
        int n = walk.body().getShort() & 0xFFFF;
        List<Qid> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(walk.qid());
        }
        return out;
    }

    public Reply lopen(int fid, int flags) {
        return rpc(TLOPEN, msg().u32(fid).u32(flags));
    }

    public Reply lcreate(int fid, String name, int flags, int mode) {
        return rpc(TLCREATE, msg().u32(fid).str(name).u32(flags).u32(mode).u32(0));
    }

    public Reply read(int fid, long offset, int count) {
        return rpc(TREAD, msg().u32(fid).u64(offset).u32(count));
    }

    public Reply write(int fid, long offset, byte[] data) {
        return rpc(TWRITE, msg().u32(fid).u64(offset).u32(data.length).raw(data, false));
    }

    public Reply clunk(int fid) {
        return rpc(TCLUNK, msg().u32(fid));
    }

    public Reply readdir(int fid, long offset, int count) {
        return rpc(TREADDIR, msg().u32(fid).u64(offset).u32(count));
    }

    public static List<Dirent> dirents(Reply r) {
        int count = r.body().getInt();
        int end = r.body().position() + count;
        List<Dirent> out = new ArrayList<>();
        while (r.body().position() < end) {
            out.add(new Dirent(r.qid(), r.body().getLong(), r.body().get() & 0xFF, r.str()));
        }
        return out;
    }

    public Reply mkdir(int dfid, String name, int mode) {
        return rpc(TMKDIR, msg().u32(dfid).str(name).u32(mode).u32(0));
    }

    public Reply unlinkat(int dfid, String name, int flags) {
        return rpc(TUNLINKAT, msg().u32(dfid).str(name).u32(flags));
    }

    public Reply renameat(int olddir, String oldName, int newdir, String newName) {
        return rpc(TRENAMEAT, msg().u32(olddir).str(oldName).u32(newdir).str(newName));
    }

    public Reply getattr(int fid) {
        return rpc(TGETATTR, msg().u32(fid).u64(0x3FFF));
    }

    public Reply setattr(int fid, int valid, int mode, long size, long mtimeSec) {
        return rpc(TSETATTR, msg().u32(fid).u32(valid).u32(mode).u32(-1).u32(-1).u64(size).u64(0).u64(0)
                .u64(mtimeSec).u64(0));
    }

    public Reply symlink(int dfid, String name, String target) {
        return rpc(TSYMLINK, msg().u32(dfid).str(name).str(target).u32(0));
    }

    public Reply readlink(int fid) {
        return rpc(TREADLINK, msg().u32(fid));
    }

    public Reply statfs(int fid) {
        return rpc(TSTATFS, msg().u32(fid));
    }

    /** Walks {@code names} from {@code fid} into a new fid, failing the test unless every name is found. */
    public int walkTo(int fid, int newfid, String... names) {
        List<Qid> q = qids(ok(walk(fid, newfid, names)));
        if (q.size() != names.length) {
            throw new AssertionError("walk stopped after " + q.size() + " of " + names.length);
        }
        return newfid;
    }

    public static Reply ok(Reply r) {
        if (r.isError()) {
            throw new AssertionError("Rlerror errno " + r.errno());
        }
        return r;
    }
}
