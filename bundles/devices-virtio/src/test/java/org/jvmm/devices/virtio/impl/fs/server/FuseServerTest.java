package org.jvmm.devices.virtio.impl.fs.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.impl.fs.server.FuseClient.body;
import static org.jvmm.devices.virtio.impl.fs.server.FuseClient.ok;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOpcode;
import org.jvmm.devices.virtio.impl.fs.server.FuseClient.Reply;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FUSE server against a temporary directory, request by request. */
class FuseServerTest {
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_APPEND = 02000;
    static final int O_EXCL = 0200;

    @TempDir
    Path root;
    FuseServer server;
    FuseClient c;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(root.resolve("hello.txt"), "hello, world\n");
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve("sub/inner"), "x");
        server = new FuseServer(root, false);
        c = new FuseClient(req -> server.handle(req, req.length, 1 << 20));
    }

    @Test
    void initNegotiates731AndTheFlagsBothSupport() {
        assertEquals(Errno.EIO, c.getattr(1).errno(), "nothing before INIT");
        Reply r = ok(c.init());
        assertEquals(64, r.body().limit());
        assertEquals(7, r.u32(0));
        assertEquals(31, r.u32(4));
        assertEquals(128 << 10, r.u32(8), "max_readahead echoed");
        int flags = r.u32(12);
        assertTrue((flags & 1 << 13) != 0, "DO_READDIRPLUS");
        assertTrue((flags & 1 << 22) != 0, "MAX_PAGES");
        assertEquals(0, flags & 1 << 16, "no writeback cache");
        assertEquals(FuseServer.MAX_WRITE, r.u32(20));
        assertEquals(32, r.body().getShort(28));
        Reply old = c.send(FuseOpcode.INIT, 0, body().u32(7).u32(10).u32(0).u32(0));
        assertEquals(Errno.EPROTO, old.errno());
    }

    @Test
    void lookupAndGetattrDescribeTheHostFile() throws Exception {
        ok(c.init());
        Reply e = ok(c.lookup(1, "hello.txt"));
        long node = e.u64(0);
        assertTrue(node > 1);
        assertEquals((long) (Long) Files.getAttribute(root.resolve("hello.txt"), "unix:ino"), e.u64(40), "attr.ino");
        assertEquals(13, e.u64(48), "attr.size");
        assertEquals(0100644, e.u32(40 + 60) & 0170644, "regular file mode");
        assertEquals(node, c.node(1, "hello.txt"), "same path, same node");
        Reply a = ok(c.getattr(node));
        assertEquals(13, a.u64(16 + 8));
        assertEquals(Errno.ENOENT, c.lookup(1, "missing").errno());
        assertEquals(Errno.ENOENT, c.getattr(999).errno(), "unknown node");
        Reply dir = ok(c.getattr(1));
        assertEquals(040000, dir.u32(16 + 60) & 0170000, "root is a directory");
    }

    @Test
    void openReadWriteAndRelease() throws Exception {
        ok(c.init());
        long node = c.node(1, "hello.txt");
        long fh = ok(c.open(node, O_RDWR)).u64(0);
        Reply r = ok(c.read(FuseOpcode.READ, node, fh, 7, 100));
        assertEquals("world\n", text(r));
        assertEquals(4, ok(c.write(node, fh, 0, "HOLA".getBytes())).u32(0));
        assertEquals("HOLAo, world\n", Files.readString(root.resolve("hello.txt")));
        assertEquals(0, ok(c.read(FuseOpcode.READ, node, fh, 100, 10)).body().limit(), "EOF");
        ok(c.send(FuseOpcode.FLUSH, node, body().u64(fh).u32(0).u32(0).u64(0)));
        ok(c.send(FuseOpcode.FSYNC, node, body().u64(fh).u32(1).u32(0)));
        ok(c.release(FuseOpcode.RELEASE, node, fh));
        assertEquals(Errno.EBADF, c.read(FuseOpcode.READ, node, fh, 0, 10).errno(), "released");
        long ro = ok(c.open(node, O_RDONLY)).u64(0);
        assertEquals(Errno.EBADF, c.write(node, ro, 0, "x".getBytes()).errno(), "read-only handle");
        long app = ok(c.open(node, O_WRONLY | O_APPEND)).u64(0);
        ok(c.write(node, app, 0, "!".getBytes()));
        assertEquals("HOLAo, world\n!", Files.readString(root.resolve("hello.txt")));
        assertEquals(Errno.EBADF, c.read(FuseOpcode.READ, node, app, 0, 4).errno(), "write-only handle");
        assertEquals(Errno.EISDIR, c.open(c.node(1, "sub"), O_RDONLY).errno());
    }

    @Test
    void readdirListsEntriesWithResumableOffsets() {
        ok(c.init());
        long fh = ok(c.opendir(1)).u64(0);
        Dirents all = Dirents.decode(ok(c.read(FuseOpcode.READDIR, 1, fh, 0, 4096)), false);
        assertEquals(List.of(".", "..", "hello.txt", "sub"), all.names());
        assertEquals(List.of(4, 4, 8, 4), all.types());
        Dirents rest = Dirents.decode(ok(c.read(FuseOpcode.READDIR, 1, fh, all.offsets().get(1), 4096)), false);
        assertEquals(List.of("hello.txt", "sub"), rest.names());
        Dirents small = Dirents.decode(ok(c.read(FuseOpcode.READDIR, 1, fh, 0, 64)), false);
        assertEquals(List.of(".", ".."), small.names(), "two 32-byte dirents fill 64 bytes");
        assertEquals(List.of("."), Dirents.decode(ok(c.read(FuseOpcode.READDIR, 1, fh, 0, 63)), false).names());
        assertEquals(0, ok(c.read(FuseOpcode.READDIR, 1, fh, 4, 4096)).body().limit(), "end");
        ok(c.send(FuseOpcode.FSYNCDIR, 1, body().u64(fh).u32(0).u32(0)));
        ok(c.release(FuseOpcode.RELEASEDIR, 1, fh));
        assertEquals(Errno.EBADF, c.read(FuseOpcode.READDIR, 1, fh, 0, 4096).errno());
    }

    @Test
    void readdirplusCountsALookupPerEntry() {
        ok(c.init());
        long fh = ok(c.opendir(1)).u64(0);
        Dirents d = Dirents.decode(ok(c.read(FuseOpcode.READDIRPLUS, 1, fh, 0, 4096)), true);
        assertEquals(List.of(".", "..", "hello.txt", "sub"), d.names());
        assertEquals(0L, d.nodeids().get(0), "no node for .");
        long sub = d.nodeids().get(3);
        assertEquals(sub, c.node(1, "sub"), "the node readdirplus gave");
        assertNull(server.handle(FuseClient.request(FuseOpcode.FORGET, 98, sub, body().u64(1).build()), 48, 100));
        assertEquals(0, c.getattr(sub).errno(), "one lookup left");
        assertNull(server.handle(FuseClient.request(FuseOpcode.FORGET, 99, sub, body().u64(1).build()), 48, 100),
                "FORGET has no reply");
        assertEquals(Errno.ENOENT, c.getattr(sub).errno(), "forgotten");
        assertNotEquals(sub, c.node(1, "sub"), "ids are not reused");
    }

    @Test
    void createMkdirUnlinkRmdirAndRename() throws Exception {
        ok(c.init());
        Reply cr = ok(c.create(1, "new.txt", O_RDWR | O_EXCL, 0664));
        long node = cr.u64(0);
        long fh = cr.u64(128);
        ok(c.write(node, fh, 0, "data".getBytes()));
        assertEquals("data", Files.readString(root.resolve("new.txt")));
        assertEquals("rw-r--r--", perms(root.resolve("new.txt")), "mode & ~umask");
        assertEquals(Errno.EEXIST, c.create(1, "new.txt", O_RDWR | O_EXCL, 0644).errno());
        long dir = ok(c.mkdir(1, "d", 0755)).u64(0);
        assertTrue(Files.isDirectory(root.resolve("d")));
        assertEquals(Errno.EEXIST, c.mkdir(1, "d", 0755).errno());
        ok(c.rename(1, "new.txt", dir, "moved.txt"));
        assertEquals("data", Files.readString(root.resolve("d/moved.txt")));
        assertEquals(4, ok(c.getattr(node)).u64(16 + 8), "the node followed the rename");
        assertEquals(Errno.EEXIST, c.rename2(1, "hello.txt", dir, "moved.txt", 1).errno(), "RENAME_NOREPLACE");
        assertEquals(Errno.EINVAL, c.rename2(1, "hello.txt", dir, "x", 2).errno(), "RENAME_EXCHANGE");
        ok(c.rename2(1, "hello.txt", dir, "h", 1));
        assertFalse(Files.exists(root.resolve("hello.txt")));
        assertEquals(Errno.ENOTEMPTY, c.unlink(FuseOpcode.RMDIR, 1, "d").errno());
        assertEquals(Errno.EISDIR, c.unlink(FuseOpcode.UNLINK, 1, "d").errno());
        assertEquals(Errno.ENOTDIR, c.unlink(FuseOpcode.RMDIR, dir, "h").errno());
        ok(c.unlink(FuseOpcode.UNLINK, dir, "moved.txt"));
        assertEquals("data", text(ok(c.read(FuseOpcode.READ, node, fh, 0, 10))), "open after unlink");
        assertEquals(0, ok(c.send(FuseOpcode.GETATTR, node, body().u32(1).u32(0).u64(fh))).u32(16 + 68), "nlink 0");
        assertEquals(Errno.ENOENT, c.getattr(node).errno());
        ok(c.unlink(FuseOpcode.UNLINK, dir, "h"));
        ok(c.unlink(FuseOpcode.RMDIR, 1, "d"));
        assertFalse(Files.exists(root.resolve("d")));
    }

    @Test
    void setattrChangesSizeModeAndTimes() throws Exception {
        ok(c.init());
        long node = c.node(1, "hello.txt");
        Reply r = ok(c.setattr(node, 8, 0, 5, 0, 0));
        assertEquals(5, r.u64(16 + 8));
        assertEquals("hello", Files.readString(root.resolve("hello.txt")));
        ok(c.setattr(node, 1, 0, 0, 0, 0600));
        assertEquals("rw-------", perms(root.resolve("hello.txt")));
        ok(c.setattr(node, 32, 0, 0, 1_000_000, 0));
        assertEquals(1_000_000_000L, Files.getLastModifiedTime(root.resolve("hello.txt")).toMillis());
        long fh = ok(c.open(node, O_RDWR)).u64(0);
        ok(c.setattr(node, 8 | 64, fh, 1, 0, 0));
        assertEquals("h", Files.readString(root.resolve("hello.txt")), "ftruncate through the fh");
        assertEquals(Errno.EISDIR, c.setattr(c.node(1, "sub"), 8, 0, 0, 0, 0).errno());
    }

    @Test
    void symlinksAreCreatedAndReadButNeverFollowed() throws Exception {
        ok(c.init());
        long link = ok(c.symlink(1, "l", "/etc/passwd")).u64(0);
        assertEquals("/etc/passwd", Files.readSymbolicLink(root.resolve("l")).toString());
        assertEquals("/etc/passwd", text(ok(c.send(FuseOpcode.READLINK, link, body()))));
        assertEquals(Errno.ELOOP, c.open(link, O_RDONLY).errno());
        assertEquals(Errno.EINVAL, c.send(FuseOpcode.READLINK, 1, body()).errno());
    }

    @Test
    void statfsAccessDestroyAndUnknownOpcodes() {
        ok(c.init());
        Reply s = ok(c.statfs());
        assertEquals(80, s.body().limit());
        assertTrue(s.u64(0) > 0, "blocks");
        assertEquals(255, s.u32(44), "namelen");
        ok(c.send(FuseOpcode.ACCESS, 1, body().u32(7).u32(0)));
        assertEquals(Errno.ENOSYS, c.send(22, 1, body().u32(0).u32(0).str("user.x")).errno(), "GETXATTR");
        assertEquals(Errno.ENOSYS, c.send(4242, 1, body()).errno());
        ok(c.send(FuseOpcode.DESTROY, 0, body()));
        assertEquals(Errno.EIO, c.getattr(1).errno(), "a new INIT is needed");
        InspectNode n = new InspectNode();
        server.inspect(n);
        assertEquals(false, n.entries().get("initialized"));
    }

    @Test
    void readOnlyRefusesEveryChange() throws Exception {
        server = new FuseServer(root, true);
        ok(c.init());
        long node = c.node(1, "hello.txt");
        assertEquals(Errno.EROFS, c.open(node, O_RDWR).errno());
        assertEquals(Errno.EROFS, c.create(1, "n", O_RDWR, 0644).errno());
        assertEquals(Errno.EROFS, c.mkdir(1, "n", 0755).errno());
        assertEquals(Errno.EROFS, c.unlink(FuseOpcode.UNLINK, 1, "hello.txt").errno());
        assertEquals(Errno.EROFS, c.rename(1, "hello.txt", 1, "x").errno());
        assertEquals(Errno.EROFS, c.symlink(1, "s", "t").errno());
        assertEquals(Errno.EROFS, c.setattr(node, 8, 0, 0, 0, 0).errno());
        assertEquals(Errno.EROFS, c.send(FuseOpcode.ACCESS, node, body().u32(2).u32(0)).errno());
        long fh = ok(c.open(node, O_RDONLY)).u64(0);
        assertEquals("hello", text(ok(c.read(FuseOpcode.READ, node, fh, 0, 5))));
        assertEquals("hello, world\n", Files.readString(root.resolve("hello.txt")));
        assertEquals(List.of("hello.txt", "sub"), Files.list(root).map(p -> p.getFileName().toString()).sorted().toList());
    }

    static String text(Reply r) {
        byte[] b = new byte[r.body().limit()];
        r.body().get(0, b);
        return new String(b);
    }

    static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
