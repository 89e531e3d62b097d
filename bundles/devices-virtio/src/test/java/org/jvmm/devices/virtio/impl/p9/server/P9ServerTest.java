package org.jvmm.devices.virtio.impl.p9.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.impl.p9.server.P9Client.ok;
import static org.jvmm.devices.virtio.impl.p9.server.P9Client.qids;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.p9.proto.P9Type;
import org.jvmm.devices.virtio.impl.p9.proto.Qid;
import org.jvmm.devices.virtio.impl.p9.server.P9Client.Reply;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session, walk, open, read and write against a temporary directory. */
class P9ServerTest {
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_APPEND = 02000;
    static final int O_DIRECTORY = 0200000;

    @TempDir
    Path tmp;
    Path root;
    P9Server server;
    P9Client c;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectory(tmp.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), "hello, world\n");
        Files.createDirectories(root.resolve("sub/deeper"));
        Files.writeString(root.resolve("sub/deeper/f"), "deep");
        server = new P9Server(root, false);
        c = P9Client.of(server);
    }

    static long ino(Path p) throws Exception {
        return (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void versionNegotiatesMsizeAndOnly9p2000L() {
        Reply r = ok(c.version(1 << 24, "9P2000.L"));
        assertEquals(P9Server.MAX_MSIZE, r.body().getInt(), "msize clamped to the server's");
        assertEquals("9P2000.L", r.str());
        r = ok(c.version(8192, "9P2000.L"));
        assertEquals(8192, r.body().getInt(), "a smaller client msize is kept");
        assertEquals(8192, server.maxRequest());
        r = ok(c.version(8192, "9P2000.u"));
        r.body().getInt();
        assertEquals("unknown", r.str());
        assertEquals(Errno.EPROTO, c.attach(0).errno(), "no session after an unknown version");
        assertEquals(Errno.EINVAL, c.version(100, "9P2000.L").errno(), "msize too small");
    }

    @Test
    void requestsBeforeVersionAreProtocolErrors() {
        assertEquals(Errno.EPROTO, c.attach(0).errno());
        assertEquals(Errno.EPROTO, c.clunk(0).errno());
    }

    @Test
    void attachGivesTheRootDirectoryQidFromItsInode() throws Exception {
        Qid q = c.start(0);
        assertEquals(Qid.DIR, q.type());
        assertEquals(ino(root), q.path());
        assertEquals(Errno.EBADF, c.attach(0).errno(), "fid 0 is in use");
        assertEquals(Errno.EBADF, c.attach(P9Type.NOFID).errno(), "NOFID is not a fid");
    }

    @Test
    void walkReturnsAQidPerNameAndGetattrDescribesTheFile() throws Exception {
        c.start(0);
        List<Qid> q = qids(ok(c.walk(0, 1, "sub", "deeper", "f")));
        assertEquals(3, q.size());
        assertEquals(List.of(Qid.DIR, Qid.DIR, Qid.FILE), q.stream().map(Qid::type).toList());
        assertEquals(ino(root.resolve("sub/deeper/f")), q.get(2).path());
        Reply a = ok(c.getattr(1));
        assertEquals(0x7FF, a.body().getLong() & 0x7FF, "basic fields valid");
        assertEquals(q.get(2), a.qid());
        int mode = a.body().getInt();
        assertEquals(0100000, mode & 0170000, "S_IFREG");
        assertEquals((int) Files.getAttribute(root.resolve("sub/deeper/f"), "unix:mode") & 07777, mode & 07777);
        a.body().getInt();
        a.body().getInt();
        assertEquals(1, a.body().getLong(), "nlink");
        a.body().getLong();
        assertEquals(4, a.body().getLong(), "size");
        a.body().getLong();
        a.body().getLong();
        a.body().getLong();
        a.body().getLong();
        long mtime = a.body().getLong();
        assertEquals(Files.getLastModifiedTime(root.resolve("sub/deeper/f")).toInstant().getEpochSecond(), mtime);
    }

    @Test
    void aWalkThatFailsLaterReturnsTheQidsSoFarAndNoFid() {
        c.start(0);
        Reply r = ok(c.walk(0, 1, "sub", "missing", "x"));
        assertEquals(1, qids(r).size());
        assertEquals(Errno.EBADF, c.getattr(1).errno(), "newfid was not created");
        assertEquals(Errno.ENOENT, c.walk(0, 1, "missing").errno(), "failing at the first name is an error");
        assertEquals(1, qids(ok(c.walk(0, 1, "hello.txt", "x"))).size(), "a file has no children");
        assertEquals(Errno.EBADF, c.getattr(1).errno());
    }

    @Test
    void walkClonesMovesInPlaceAndChecksNewfid() throws Exception {
        c.start(0);
        assertEquals(0, qids(ok(c.walk(0, 1))).size(), "nwname 0 clones");
        assertEquals(ino(root), ok(c.getattr(1)).body().getLong(13), "clone names the root");
        ok(c.walk(1, 1, "sub"));
        assertEquals(ino(root.resolve("sub")), ok(c.getattr(1)).body().getLong(13));
        assertEquals(Errno.EBADF, c.walk(0, 1, "sub").errno(), "newfid in use");
        String[] many = new String[17];
        java.util.Arrays.fill(many, "sub");
        assertEquals(Errno.EINVAL, c.walk(0, 2, many).errno(), "more than 16 names");
        assertEquals(Errno.EBADF, c.walk(9, 2).errno(), "unknown fid");
    }

    @Test
    void readsAndWritesAnOpenFile() throws Exception {
        c.start(0);
        c.walkTo(0, 1, "hello.txt");
        Reply open = ok(c.lopen(1, O_RDWR));
        assertEquals(Qid.FILE, open.qid().type());
        assertArrayEquals("hello, world\n".getBytes(), ok(c.read(1, 0, 100)).data());
        assertArrayEquals("world".getBytes(), ok(c.read(1, 7, 5)).data());
        assertEquals(0, ok(c.read(1, 1000, 10)).data().length, "past the end");
        assertEquals(5, ok(c.write(1, 7, "there".getBytes())).body().getInt());
        assertEquals(4, ok(c.write(1, 13, "!!!\n".getBytes())).body().getInt());
        assertEquals("hello, there\n!!!\n", Files.readString(root.resolve("hello.txt")));
        assertEquals(Errno.EBADF, c.lopen(1, O_RDONLY).errno(), "already open");
        ok(c.clunk(1));
        assertEquals(Errno.EBADF, c.read(1, 0, 1).errno(), "clunked");
    }

    @Test
    void openModesLimitIo() throws Exception {
        c.start(0);
        ok(c.lopen(c.walkTo(0, 1, "hello.txt"), O_RDONLY));
        assertEquals(Errno.EBADF, c.write(1, 0, new byte[1]).errno());
        ok(c.lopen(c.walkTo(0, 2, "hello.txt"), O_WRONLY | O_APPEND));
        assertEquals(Errno.EBADF, c.read(2, 0, 1).errno());
        ok(c.write(2, 0, "more".getBytes()));
        assertEquals("hello, world\nmore", Files.readString(root.resolve("hello.txt")), "O_APPEND writes at the end");
        assertEquals(Errno.EBADF, c.read(3, 0, 1).errno(), "unknown fid");
        c.walkTo(0, 3, "hello.txt");
        assertEquals(Errno.EBADF, c.read(3, 0, 1).errno(), "not opened");
        assertEquals(Errno.ENOTDIR, c.lopen(3, O_RDONLY | O_DIRECTORY).errno());
        assertEquals(Errno.EINVAL, c.lopen(3, 3).errno(), "access mode 3");
        ok(c.lopen(c.walkTo(0, 4, "sub"), O_RDONLY));
        assertEquals(Errno.EISDIR, c.read(4, 0, 1).errno());
        assertEquals(Errno.EISDIR, c.lopen(c.walkTo(0, 5, "sub"), O_RDWR).errno());
    }

    @Test
    void readsAreBoundedByTheReplyRoomAndMsize() throws Exception {
        byte[] big = new byte[100_000];
        new java.util.Random(1).nextBytes(big);
        Files.write(root.resolve("big"), big);
        c.start(0);
        ok(c.lopen(c.walkTo(0, 1, "big"), O_RDONLY));
        assertEquals(100_000, ok(c.read(1, 0, 200_000)).data().length);
        ok(c.version(8192, "9P2000.L"));
        ok(c.attach(0));
        ok(c.lopen(c.walkTo(0, 1, "big"), O_RDONLY));
        byte[] d = ok(c.read(1, 500, 100_000)).data();
        assertEquals(8192 - P9Type.IO_HEADER, d.length, "msize bounds the reply");
        assertArrayEquals(java.util.Arrays.copyOfRange(big, 500, 500 + d.length), d);
        byte[] req = P9Client.msg().u32(1).u64(0).u32(4096).build(P9Type.TREAD, 7);
        Reply small = Reply.parse(server.handle(req, req.length, 111));
        assertEquals(100, small.data().length, "the driver's buffer bounds the reply");
    }

    @Test
    void resetClunksEverythingAndNeedsANewVersion() throws Exception {
        c.start(0);
        ok(c.lopen(c.walkTo(0, 1, "hello.txt"), O_RDONLY));
        server.reset();
        InspectNode n = new InspectNode();
        server.inspect(n);
        assertEquals(0, n.entries().get("fids"));
        assertEquals(0, n.entries().get("open_files"));
        assertEquals(false, n.entries().get("negotiated"));
        assertEquals(Errno.EPROTO, c.getattr(0).errno());
        c.start(0);
        assertEquals(Errno.EBADF, c.getattr(1).errno());
    }

    @Test
    void fidAndOpenFileCountsAreBounded() throws Exception {
        server = new P9Server(root, false, 4, 2);
        c = P9Client.of(server);
        c.start(0);
        ok(c.lopen(c.walkTo(0, 1, "hello.txt"), O_RDONLY));
        ok(c.lopen(c.walkTo(0, 2, "hello.txt"), O_RDONLY));
        c.walkTo(0, 3, "hello.txt");
        assertEquals(Errno.EMFILE, c.lopen(3, O_RDONLY).errno(), "third open file");
        assertFalse(c.walk(0, 4).errno() == 0, "fifth fid");
        assertEquals(Errno.EMFILE, c.walk(0, 4).errno());
        ok(c.clunk(1));
        ok(c.lopen(3, O_RDONLY));
        ok(c.walk(0, 4));
    }

    @Test
    void inspectCountsRequestsAndErrors() {
        c.start(0);
        c.getattr(9);
        InspectNode n = new InspectNode();
        server.inspect(n);
        assertEquals(3L, n.entries().get("requests"));
        assertEquals(1L, n.entries().get("errors"));
        assertEquals(0L, n.entries().get("internal_errors"));
        assertTrue(n.entries().get("root").toString().endsWith("root"));
    }
}
