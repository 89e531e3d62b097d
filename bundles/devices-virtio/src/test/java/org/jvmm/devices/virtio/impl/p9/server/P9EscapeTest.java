package org.jvmm.devices.virtio.impl.p9.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.impl.p9.server.P9Client.ok;
import static org.jvmm.devices.virtio.impl.p9.server.P9Client.qids;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.p9.proto.Qid;
import org.jvmm.devices.virtio.impl.p9.server.P9Client.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attempts to leave the export root: "..", separators, absolute names, symlinks (old and guest-made). */
class P9EscapeTest {
    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_TRUNC = 01000;
    static final int O_DIRECTORY = 0200000;

    @TempDir
    Path tmp;
    OutsideWorld world;
    P9Client c;
    Qid rootQid;

    @BeforeEach
    void setUp() throws Exception {
        world = new OutsideWorld(tmp);
        c = P9Client.of(new P9Server(world.root, false));
        rootQid = c.start(0);
    }

    @AfterEach
    void nothingOutsideChanged() {
        world.assertUntouched();
    }

    @Test
    void dotDotStopsAtTheRoot() {
        assertEquals(List.of(rootQid), qids(ok(c.walk(0, 1, ".."))));
        Reply r = ok(c.walk(0, 2, "..", "..", "outside", "secret.txt"));
        assertEquals(List.of(rootQid, rootQid), qids(r), "'outside' is not found above the root");
        assertEquals(Errno.EBADF, c.getattr(2).errno());
        List<Qid> q = qids(ok(c.walk(0, 3, "dir", "..", "..", "..")));
        assertEquals(rootQid, q.getLast());
        assertEquals(rootQid.path(), ok(c.getattr(3)).body().getLong(8 + 5), "fid 3 names the root");
    }

    @Test
    void namesWithSeparatorsOrAbsoluteNamesAreRefused() {
        for (String bad : List.of("../outside", "/etc", "/", "dir/../..", "", "a\0b", "etc/passwd")) {
            assertEquals(Errno.EINVAL, c.walk(0, 1, bad).errno(), "walk " + bad);
            assertEquals(Errno.EINVAL, c.mkdir(0, bad, 0755).errno(), "mkdir " + bad);
            assertEquals(Errno.EINVAL, c.lcreate(c.walkTo(0, 9), bad, O_RDWR, 0644).errno(), "lcreate " + bad);
            ok(c.clunk(9));
            assertEquals(Errno.EINVAL, c.symlink(0, bad, "x").errno(), "symlink " + bad);
            assertEquals(Errno.EINVAL, c.unlinkat(0, bad, 0).errno(), "unlinkat " + bad);
            assertEquals(Errno.EINVAL, c.renameat(0, "inside.txt", 0, bad).errno(), "rename to " + bad);
            assertEquals(Errno.EINVAL, c.renameat(0, bad, 0, "stolen").errno(), "rename from " + bad);
        }
        assertEquals(Errno.EINVAL, c.mkdir(0, "..", 0755).errno());
        assertEquals(Errno.EINVAL, c.mkdir(0, ".", 0755).errno());
        assertEquals(Errno.ENAMETOOLONG, c.mkdir(0, "n".repeat(256), 0755).errno());
        assertTrue(Files.exists(world.root.resolve("inside.txt")));
    }

    @Test
    void symlinksToTheOutsideAreNeverDescended() {
        for (String link : List.of("rel_out", "abs_out")) {
            Reply r = ok(c.walk(0, 1, link, "secret.txt"));
            assertEquals(List.of(Qid.SYMLINK), qids(r).stream().map(Qid::type).toList(), link);
            assertEquals(Errno.EBADF, c.getattr(1).errno(), "no fid through " + link);
        }
        assertEquals(1, qids(ok(c.walk(0, 1, "etc", "passwd"))).size());
        c.walkTo(0, 2, "rel_out");
        assertEquals(Errno.ENOTDIR, c.lcreate(2, "pwned", O_RDWR, 0644).errno());
        assertEquals(Errno.ENOTDIR, c.mkdir(2, "pwned", 0755).errno());
        assertEquals(Errno.ENOTDIR, c.symlink(2, "pwned", "x").errno());
        assertEquals(Errno.ENOTDIR, c.unlinkat(2, "secret.txt", 0).errno());
        assertEquals(Errno.ENOTDIR, c.renameat(2, "secret.txt", 0, "stolen").errno());
        assertEquals(Errno.ELOOP, c.lopen(2, O_RDONLY | O_DIRECTORY).errno());
        c.walkTo(0, 3, "etc");
        assertEquals(Errno.ENOTDIR, c.lcreate(3, "jvmm-p9-pwned", O_RDWR, 0644).errno());
        assertEquals(Errno.ENOTDIR, c.mkdir(3, "pwned", 0755).errno());
    }

    @Test
    void aSymlinkToAnOutsideFileIsNeverOpenedOrChanged() {
        c.walkTo(0, 1, "secret_link");
        assertEquals(Errno.ELOOP, c.lopen(1, O_RDONLY).errno());
        assertEquals(Errno.ELOOP, c.lopen(1, O_RDWR | O_TRUNC).errno());
        assertEquals(Errno.EINVAL, c.setattr(1, 0x8, 0, 0, 0).errno(), "truncate through the link");
        assertEquals(Errno.EOPNOTSUPP, c.setattr(1, 0x1, 0777, 0, 0).errno(), "chmod through the link");
        assertEquals(Errno.ELOOP, c.lcreate(c.walkTo(0, 2), "secret_link", O_RDWR | O_TRUNC, 0644).errno());
        Reply a = ok(c.getattr(1));
        a.body().position(8 + 13);
        assertEquals(0120000, a.body().getInt() & 0170000, "getattr describes the link itself");
        assertEquals(world.outside.resolve("secret.txt").toString(), ok(c.readlink(1)).str());
        assertEquals(Errno.EINVAL, c.readlink(0).errno());
    }

    @Test
    void unlinkingOrRenamingALinkTouchesOnlyTheLink() throws Exception {
        ok(c.unlinkat(0, "secret_link", 0));
        ok(c.renameat(0, "abs_out", 0, "renamed"));
        ok(c.unlinkat(0, "renamed", 0));
        assertEquals(Errno.ENOTDIR, c.unlinkat(0, "rel_out", 0x200).errno(), "rmdir of a link to a directory");
        c.walkTo(0, 1, "etc");
        ok(c.rpc(70, P9Client.msg().u32(0).u32(1).str("hardlink")));
        assertTrue(Files.isSymbolicLink(world.root.resolve("hardlink")), "a hard link to the link itself");
    }

    @Test
    void aFidWhoseParentWasReplacedByAGuestMadeSymlinkCannotReachOutside() {
        ok(c.mkdir(0, "x", 0755));
        c.walkTo(0, 1, "x");
        ok(c.lcreate(1, "secret.txt", O_RDWR, 0644));
        ok(c.clunk(1));
        c.walkTo(0, 2, "x", "secret.txt");
        c.walkTo(0, 3, "x");
        ok(c.unlinkat(3, "secret.txt", 0));
        ok(c.unlinkat(0, "x", 0x200));
        ok(c.symlink(0, "y", "../outside"));
        ok(c.renameat(0, "y", 0, "x"));
        assertEquals(Errno.ENOTDIR, c.getattr(2).errno(), "x/secret.txt now lies behind a symlink");
        assertEquals(Errno.ENOTDIR, c.lopen(2, O_RDWR | O_TRUNC).errno());
        assertEquals(Errno.ENOTDIR, c.setattr(2, 0x8, 0, 0, 0).errno());
        assertEquals(Errno.ENOTDIR, c.readlink(2).errno());
        assertEquals(Errno.ENOTDIR, c.lcreate(3, "pwned", O_RDWR, 0644).errno(), "fid 3 (x) is a symlink now");
        assertEquals(Errno.ENOTDIR, c.mkdir(3, "pwned", 0755).errno());
        assertEquals(Errno.ENOTDIR, c.unlinkat(3, "secret.txt", 0).errno());
        assertEquals(Errno.ENOTDIR, c.walk(3, 4, "secret.txt").errno());
        assertEquals(Errno.ELOOP, c.lopen(3, O_RDONLY).errno());
    }

    @Test
    void guestSymlinksWithAbsoluteOrDotDotTargetsAreOnlyText() throws Exception {
        ok(c.symlink(0, "a", "/etc/passwd"));
        ok(c.symlink(0, "b", "../../../../outside/secret.txt"));
        c.walkTo(0, 1, "a");
        assertEquals("/etc/passwd", ok(c.readlink(1)).str());
        assertEquals(Errno.ELOOP, c.lopen(1, O_RDONLY).errno());
        assertEquals(1, qids(ok(c.walk(0, 2, "b", "x"))).size());
        assertTrue(Files.isSymbolicLink(world.root.resolve("b")));
    }
}
