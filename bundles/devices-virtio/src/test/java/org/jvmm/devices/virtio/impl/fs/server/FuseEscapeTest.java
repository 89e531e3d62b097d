package org.jvmm.devices.virtio.impl.fs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.impl.fs.server.FuseClient.body;
import static org.jvmm.devices.virtio.impl.fs.server.FuseClient.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOpcode;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.p9.server.OutsideWorld;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "..", separators, symlinks (relative, absolute, to /etc) and absolute names never leave the root. */
class FuseEscapeTest {
    @TempDir
    Path tmp;
    OutsideWorld world;
    FuseServer server;
    FuseClient c;

    @BeforeEach
    void setUp() throws Exception {
        world = new OutsideWorld(tmp);
        server = new FuseServer(world.root, false);
        c = new FuseClient(req -> server.handle(req, req.length, 1 << 20));
        ok(c.init());
    }

    @AfterEach
    void untouched() {
        world.assertUntouched();
    }

    @Test
    void dotDotAndSeparatorsAreNotNames() {
        for (String name : new String[] {"..", ".", "", "../outside", "/etc", "dir/../..", "a/b"}) {
            assertEquals(Errno.EINVAL, c.lookup(1, name).errno(), name);
            assertEquals(Errno.EINVAL, c.create(1, name, 2, 0644).errno(), name);
            assertEquals(Errno.EINVAL, c.mkdir(1, name, 0755).errno(), name);
        }
        assertEquals(Errno.ENAMETOOLONG, c.lookup(1, "x".repeat(256)).errno());
        assertEquals(Errno.EINVAL, c.rename(1, "inside.txt", 1, "../escaped").errno());
    }

    @Test
    void symlinksAreNeverFollowed() {
        for (String link : new String[] {"rel_out", "abs_out", "etc", "secret_link"}) {
            long node = c.node(1, link);
            assertEquals(0120000, ok(c.getattr(node)).u32(16 + 60) & 0170000, link + " is seen as a link");
            assertEquals(Errno.ELOOP, c.open(node, 0).errno(), link);
            assertEquals(Errno.ENOTDIR, c.opendir(node).errno(), link);
            assertEquals(Errno.ENOTDIR, c.lookup(node, "secret.txt").errno(), link + " is no directory");
            assertEquals(Errno.ENOTDIR, c.create(node, "pwned", 0102, 0644).errno(), link);
            assertEquals(Errno.ENOTDIR, c.mkdir(node, "pwned", 0755).errno(), link);
            assertEquals(Errno.ENOTDIR, c.symlink(node, "pwned", "x").errno(), link);
            assertEquals(Errno.ENOTDIR, c.rename(1, "inside.txt", node, "pwned").errno(), link);
            assertEquals(Errno.ENOTDIR, c.unlink(FuseOpcode.UNLINK, node, "secret.txt").errno(), link);
            assertEquals(Errno.EOPNOTSUPP, c.setattr(node, 1, 0, 0, 0, 0777).errno(), link + ": no chmod through");
            assertEquals(Errno.EINVAL, c.setattr(node, 8, 0, 0, 0, 0).errno(), link + ": no truncate through");
        }
        assertEquals(Errno.ELOOP, c.create(1, "secret_link", 01, 0644).errno(), "CREATE on a link does not open it");
        assertEquals(Errno.EEXIST, c.create(1, "secret_link", 0301, 0644).errno());
    }

    @Test
    void aLinkedDirectoryCannotBeEnteredEvenAfterARename() throws Exception {
        long dir = c.node(1, "dir");
        Files.delete(world.root.resolve("dir"));
        Files.createSymbolicLink(world.root.resolve("dir"), world.outside.resolve("dir"));
        assertEquals(Errno.ENOTDIR, c.create(dir, "pwned", 0102, 0644).errno(), "node now names a link");
        assertEquals(Errno.ENOTDIR, c.opendir(dir).errno());
        long out = c.node(1, "rel_out");
        ok(c.rename(1, "rel_out", 1, "moved"));
        assertTrue(Files.isSymbolicLink(world.root.resolve("moved")), "the link itself moved");
        assertEquals(Errno.ENOTDIR, c.lookup(out, "secret.txt").errno());
        long link = c.node(1, "abs_out");
        ok(c.unlink(FuseOpcode.UNLINK, 1, "abs_out"));
        assertFalse(Files.exists(world.root.resolve("abs_out"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(Errno.ENOENT, c.getattr(link).errno());
    }

    @Test
    void hardLinksOfLinksLinkTheLinkAndReadlinkOnlyReads() {
        long secret = c.node(1, "secret_link");
        ok(c.send(FuseOpcode.LINK, 1, body().u64(secret).str("copy")));
        assertEquals(0120000, ok(c.getattr(c.node(1, "copy"))).u32(16 + 60) & 0170000);
        assertEquals(Errno.ELOOP, c.open(c.node(1, "copy"), 2).errno());
        String target = FuseServerTest.text(ok(c.send(FuseOpcode.READLINK, secret, body())));
        assertEquals(world.outside.resolve("secret.txt").toString(), target);
    }
}
