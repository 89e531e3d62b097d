package org.jvmm.devices.virtio.impl.p9.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.impl.p9.server.P9Client.dirents;
import static org.jvmm.devices.virtio.impl.p9.server.P9Client.ok;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.p9.proto.Qid;
import org.jvmm.devices.virtio.impl.p9.server.P9Client.Dirent;
import org.jvmm.devices.virtio.impl.p9.server.P9Client.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readdir, create, mkdir, unlink, rename, links, setattr and statfs against a temporary directory. */
class P9DirectoryTest {
    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_EXCL = 0200;
    static final int AT_REMOVEDIR = 0x200;

    @TempDir
    Path tmp;
    Path root;
    P9Client c;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectory(tmp.resolve("root"));
        c = P9Client.of(new P9Server(root, false));
        c.start(0);
    }

    List<Dirent> readAll(int fid, int count) {
        List<Dirent> all = new ArrayList<>();
        long offset = 0;
        while (true) {
            List<Dirent> got = dirents(ok(c.readdir(fid, offset, count)));
            if (got.isEmpty()) {
                return all;
            }
            all.addAll(got);
            offset = got.getLast().offset();
        }
    }

    @Test
    void readdirListsEveryEntryAcrossSmallReadsUsingOffsets() throws Exception {
        for (int i = 0; i < 40; i++) {
            Files.writeString(root.resolve("file-" + i), "x");
        }
        Files.createDirectory(root.resolve("dir"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("file-1"));
        ok(c.lopen(c.walkTo(0, 1), O_RDONLY));
        List<Dirent> all = readAll(1, 100);
        assertEquals(44, all.size(), "40 files, a dir, a link, . and ..");
        assertEquals(List.of(".", ".."), all.subList(0, 2).stream().map(Dirent::name).toList());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).offset(), "offset is the cookie of the next entry");
        }
        Dirent dir = all.stream().filter(d -> d.name().equals("dir")).findFirst().orElseThrow();
        assertEquals(4, dir.type(), "DT_DIR");
        assertEquals(Qid.DIR, dir.qid().type());
        assertEquals((long) (Long) Files.getAttribute(root.resolve("dir"), "unix:ino"), dir.qid().path());
        assertEquals(10, all.stream().filter(d -> d.name().equals("link")).findFirst().orElseThrow().type(), "DT_LNK");
        assertEquals(8, all.stream().filter(d -> d.name().equals("file-7")).findFirst().orElseThrow().type(), "DT_REG");
        assertEquals(all, readAll(1, 8192), "one big read gives the same entries");
        assertTrue(dirents(ok(c.readdir(1, 44, 8192))).isEmpty(), "nothing after the last offset");
        assertTrue(dirents(ok(c.readdir(1, Long.MAX_VALUE, 8192))).isEmpty());
        assertEquals(Errno.EINVAL, c.readdir(1, 0, 10).errno(), "count too small for one entry");
    }

    @Test
    void readdirNeedsAnOpenDirectory() throws Exception {
        Files.writeString(root.resolve("f"), "x");
        c.walkTo(0, 1);
        assertEquals(Errno.EBADF, c.readdir(1, 0, 8192).errno(), "not opened");
        ok(c.lopen(c.walkTo(0, 2, "f"), O_RDONLY));
        assertEquals(Errno.ENOTDIR, c.readdir(2, 0, 8192).errno());
    }

    @Test
    void dotDotAtTheRootListsTheRootItself() throws Exception {
        Files.createDirectory(root.resolve("d"));
        ok(c.lopen(c.walkTo(0, 1), O_RDONLY));
        List<Dirent> top = readAll(1, 8192);
        assertEquals(top.get(0).qid(), top.get(1).qid(), ".. of the root is the root");
        ok(c.lopen(c.walkTo(0, 2, "d"), O_RDONLY));
        List<Dirent> sub = readAll(2, 8192);
        assertEquals(top.get(0).qid().path(), sub.get(1).qid().path(), ".. of d is the root");
    }

    @Test
    void lcreateMakesAnOpenFileWithTheGuestsMode() throws Exception {
        c.walkTo(0, 1);
        Reply r = ok(c.lcreate(1, "new.txt", O_RDWR, 0640));
        assertEquals(Qid.FILE, r.qid().type());
        ok(c.write(1, 0, "created".getBytes()));
        assertArrayEquals("created".getBytes(), ok(c.read(1, 0, 100)).data());
        assertEquals("created", Files.readString(root.resolve("new.txt")));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("new.txt"))));
        assertEquals(Errno.EEXIST, c.lcreate(c.walkTo(0, 2), "new.txt", O_RDWR | O_EXCL, 0644).errno());
        ok(c.lcreate(2, "new.txt", O_RDONLY, 0644));
        assertArrayEquals("created".getBytes(), ok(c.read(2, 0, 100)).data(), "without O_EXCL an existing file opens");
        assertEquals(Errno.EBADF, c.lcreate(2, "other", O_RDWR, 0644).errno(), "fid already open");
    }

    @Test
    void mkdirAndUnlinkat() throws Exception {
        Reply r = ok(c.mkdir(0, "d", 0750));
        assertEquals(Qid.DIR, r.qid().type());
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("d"))));
        assertEquals(Errno.EEXIST, c.mkdir(0, "d", 0755).errno());
        c.walkTo(0, 1, "d");
        ok(c.lcreate(1, "f", O_RDWR, 0644));
        assertEquals(Errno.ENOTEMPTY, c.unlinkat(0, "d", AT_REMOVEDIR).errno());
        assertEquals(Errno.EISDIR, c.unlinkat(0, "d", 0).errno());
        c.walkTo(0, 2, "d");
        assertEquals(Errno.ENOTDIR, c.unlinkat(2, "f", AT_REMOVEDIR).errno());
        assertEquals(Errno.EINVAL, c.unlinkat(2, "f", 1).errno(), "unknown flag");
        ok(c.write(1, 0, "abc".getBytes()));
        ok(c.unlinkat(2, "f", 0));
        assertArrayEquals("abc".getBytes(), ok(c.read(1, 0, 10)).data(), "an unlinked file stays readable while open");
        Reply st = ok(c.getattr(1));
        st.body().position(8 + 13 + 12);
        assertEquals(0, st.body().getLong(), "fstat after unlink: no links");
        st.body().getLong();
        assertEquals(3, st.body().getLong(), "and the current size");
        Files.writeString(root.resolve("d/g"), "g");
        c.walkTo(2, 6, "g");
        Files.delete(root.resolve("d/g"));
        assertEquals(Errno.ENOENT, c.getattr(6).errno(), "a fid that is not open has no stat to fall back on");
        ok(c.unlinkat(0, "d", AT_REMOVEDIR));
        assertFalse(Files.exists(root.resolve("d")));
        assertEquals(Errno.ENOENT, c.unlinkat(0, "d", AT_REMOVEDIR).errno());
    }

    @Test
    void renameatMovesAndFidsFollow() throws Exception {
        Files.createDirectories(root.resolve("a/inner"));
        Files.writeString(root.resolve("a/inner/f"), "payload");
        Files.createDirectory(root.resolve("b"));
        c.walkTo(0, 1, "a", "inner", "f");
        c.walkTo(0, 2, "b");
        ok(c.renameat(0, "a", 2, "moved"));
        assertTrue(Files.exists(root.resolve("b/moved/inner/f")));
        assertFalse(Files.exists(root.resolve("a")));
        ok(c.lopen(1, O_RDONLY));
        assertArrayEquals("payload".getBytes(), ok(c.read(1, 0, 100)).data(), "fid 1 follows the rename");
        assertEquals(Errno.ENOENT, c.renameat(0, "a", 0, "x").errno());
        c.walkTo(0, 3, "b", "moved");
        assertEquals(Errno.EINVAL, c.renameat(2, "moved", 3, "inside").errno(), "not below itself");
        ok(c.renameat(2, "moved", 2, "moved"));
    }

    @Test
    void renameReplacesAnExistingFile() throws Exception {
        Files.writeString(root.resolve("x"), "new");
        Files.writeString(root.resolve("y"), "old");
        ok(c.renameat(0, "x", 0, "y"));
        assertEquals("new", Files.readString(root.resolve("y")));
        assertFalse(Files.exists(root.resolve("x")));
    }

    @Test
    void symlinkAndReadlinkKeepTheGuestsText() throws Exception {
        Reply r = ok(c.symlink(0, "l", "../../somewhere/else"));
        assertEquals(Qid.SYMLINK, r.qid().type());
        assertEquals(Path.of("../../somewhere/else"), Files.readSymbolicLink(root.resolve("l")));
        c.walkTo(0, 1, "l");
        assertEquals("../../somewhere/else", ok(c.readlink(1)).str());
        assertEquals(Errno.EINVAL, c.readlink(0).errno(), "not a link");
        assertEquals(Errno.ENOENT, c.symlink(0, "e", "").errno());
        Reply a = ok(c.getattr(1));
        a.body().position(8 + 13);
        assertEquals(0120000, a.body().getInt() & 0170000, "S_IFLNK");
    }

    @Test
    void setattrChangesModeSizeAndTimes() throws Exception {
        Files.writeString(root.resolve("f"), "0123456789");
        c.walkTo(0, 1, "f");
        ok(c.setattr(1, 0x1, 0600, 0, 0));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("f"))));
        ok(c.setattr(1, 0x8, 0, 4, 0));
        assertEquals("0123", Files.readString(root.resolve("f")));
        ok(c.setattr(1, 0x8, 0, 1 << 20, 0));
        assertEquals(1 << 20, Files.size(root.resolve("f")), "grows sparse");
        ok(c.setattr(1, 0x20 | 0x100, 0, 0, 1_000_000_000L));
        assertEquals(1_000_000_000L, Files.getLastModifiedTime(root.resolve("f")).toInstant().getEpochSecond());
        ok(c.setattr(1, 0x20, 0, 0, 0));
        assertTrue(Files.getLastModifiedTime(root.resolve("f")).toInstant().getEpochSecond() > 1_600_000_000L, "now");
        ok(c.setattr(1, 0, 0, 0, 0));
        assertEquals(Errno.EISDIR, c.setattr(0, 0x8, 0, 0, 0).errno());
        assertEquals(Errno.EINVAL, c.setattr(1, 0x8, 0, -1, 0).errno());
    }

    @Test
    void statfsFsyncFlushLockAndUnsupportedOperations() throws Exception {
        Reply s = ok(c.statfs(0));
        assertEquals(0x01021997, s.body().getInt(), "V9FS_MAGIC");
        assertTrue(s.body().getInt() >= 512, "bsize");
        assertTrue(s.body().getLong() > 0, "blocks");
        assertEquals(255, s.body().getInt(8 + 6 * 8), "namelen");
        Files.writeString(root.resolve("f"), "x");
        ok(c.lopen(c.walkTo(0, 1, "f"), O_RDWR));
        ok(c.rpc(50, P9Client.msg().u32(1).u32(0)));
        ok(c.rpc(50, P9Client.msg().u32(0)));
        ok(c.rpc(108, P9Client.msg().u16(5)));
        Reply lock = ok(c.rpc(52, P9Client.msg().u32(1).u8(1).u32(0).u64(0).u64(0).u32(42).str("guest")));
        assertEquals(0, lock.body().get(), "granted");
        Reply get = ok(c.rpc(54, P9Client.msg().u32(1).u8(1).u64(3).u64(4).u32(42).str("guest")));
        assertEquals(2, get.body().get(), "F_UNLCK: nothing is locked");
        assertEquals(Errno.EOPNOTSUPP, c.rpc(30, P9Client.msg().u32(1).u32(2).str("user.x")).errno(), "xattrwalk");
        assertEquals(Errno.EOPNOTSUPP, c.rpc(102, P9Client.msg().u32(5).str("u").str("").u32(0)).errno(), "auth");
        assertEquals(Errno.EOPNOTSUPP, c.rpc(18, P9Client.msg().u32(0).str("p").u32(010644).u32(0).u32(0).u32(0))
                .errno(), "mknod");
        assertEquals(Errno.EOPNOTSUPP, c.rpc(124, P9Client.msg().u32(0)).errno(), "legacy Tstat");
    }

    @Test
    void hardLinksAndRemove() throws Exception {
        Files.writeString(root.resolve("f"), "x");
        c.walkTo(0, 1, "f");
        ok(c.rpc(70, P9Client.msg().u32(0).u32(1).str("hard")));
        assertEquals(2, ((Number) Files.getAttribute(root.resolve("f"), "unix:nlink")).intValue());
        assertEquals(Errno.EPERM, c.rpc(70, P9Client.msg().u32(0).u32(0).str("rootlink")).errno());
        ok(c.rpc(122, P9Client.msg().u32(1)));
        assertFalse(Files.exists(root.resolve("f"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(Errno.EBADF, c.getattr(1).errno(), "Tremove clunks");
        c.walkTo(0, 2);
        assertEquals(Errno.EBUSY, c.rpc(122, P9Client.msg().u32(2)).errno());
        assertTrue(Files.isDirectory(root));
    }

    @Test
    void readOnlyExportRefusesEveryChange() throws Exception {
        Files.writeString(root.resolve("f"), "keep");
        c = P9Client.of(new P9Server(root, true));
        c.start(0);
        ok(c.lopen(c.walkTo(0, 1, "f"), O_RDONLY));
        assertArrayEquals("keep".getBytes(), ok(c.read(1, 0, 10)).data());
        c.walkTo(0, 2, "f");
        assertEquals(Errno.EROFS, c.lopen(2, O_RDWR).errno());
        assertEquals(Errno.EROFS, c.lcreate(c.walkTo(0, 3), "n", O_RDWR, 0644).errno());
        assertEquals(Errno.EROFS, c.mkdir(0, "d", 0755).errno());
        assertEquals(Errno.EROFS, c.unlinkat(0, "f", 0).errno());
        assertEquals(Errno.EROFS, c.renameat(0, "f", 0, "g").errno());
        assertEquals(Errno.EROFS, c.symlink(0, "l", "f").errno());
        assertEquals(Errno.EROFS, c.setattr(2, 0x8, 0, 0, 0).errno());
        assertEquals(Errno.EROFS, c.rpc(122, P9Client.msg().u32(2)).errno());
        assertEquals(Errno.EROFS, c.rpc(70, P9Client.msg().u32(0).u32(1).str("h")).errno());
        assertEquals("keep", Files.readString(root.resolve("f")));
        assertEquals(List.of(root.resolve("f")), Files.list(root).toList());
    }
}
