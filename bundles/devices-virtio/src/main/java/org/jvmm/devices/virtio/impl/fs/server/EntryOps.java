package org.jvmm.devices.virtio.impl.fs.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseIn;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOut;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedPath;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.hostfs.HostFiles;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;

/** LOOKUP, MKDIR, SYMLINK, LINK, UNLINK, RMDIR, RENAME, RENAME2, READLINK: names in a directory node. */
final class EntryOps {
    /** Seconds the kernel may cache entries and attributes. */
    static final long VALID_SECONDS = 1;
    static final int RENAME_NOREPLACE = 1;
    static final int MAX_LINK_TARGET = 4095;

    private final FuseServer s;

    EntryOps(FuseServer s) {
        this.s = s;
    }

    /** fuse_entry_out: nodeid generation entry_valid attr_valid (u64) their nsecs (u32), fuse_attr. */
    static void writeEntry(FuseOut out, long nodeid, HostStat st) {
        out.u64(nodeid).u64(0).u64(VALID_SECONDS).u64(VALID_SECONDS).u32(0).u32(0);
        FuseAttr.write(out, st, st.ino() != 0 ? st.ino() : nodeid);
    }

    /** Replies the entry of {@code path} (stat taken now), counting a lookup. */
    void reply(FuseOut out, ConfinedPath path) throws ErrnoException, IOException {
        HostStat st = HostStat.lstat(s.tree.entry(path));
        writeEntry(out, s.nodes.lookup(path), st);
    }

    /** The path of {@code name} in the directory node {@code parent}, the directory checked. */
    ConfinedPath child(long parent, String name) throws ErrnoException, IOException {
        ConfinedPath dir = s.nodes.path(parent);
        s.tree.directory(dir);
        return dir.child(s.tree.checkName(name));
    }

    void lookup(Request r, FuseOut out) throws ErrnoException, IOException {
        ConfinedPath p = child(r.nodeid(), r.in().str());
        reply(out, p);
    }

    /** fuse_mkdir_in {mode, umask} name. */
    void mkdir(Request r, FuseOut out) throws ErrnoException, IOException {
        FuseIn in = r.in();
        int mode = in.u32();
        int umask = in.u32();
        ConfinedPath p = child(r.nodeid(), in.str());
        s.requireWritable();
        Path host = s.tree.entry(p);
        Files.createDirectory(host);
        HostFiles.chmod(host, mode & ~umask & 0777);
        reply(out, p);
    }

    /** name, target: the target is stored as given and never followed by the server. */
    void symlink(Request r, FuseOut out) throws ErrnoException, IOException {
        FuseIn in = r.in();
        ConfinedPath p = child(r.nodeid(), in.str());
        String target = in.str();
        s.requireWritable();
        if (target.isEmpty() || target.getBytes(StandardCharsets.UTF_8).length > MAX_LINK_TARGET) {
            throw new ErrnoException(target.isEmpty() ? Errno.ENOENT : Errno.ENAMETOOLONG, "bad link target");
        }
        Path t;
        try {
            t = Path.of(target);
        } catch (InvalidPathException e) {
            throw new ErrnoException(Errno.EINVAL, "link target not valid on the host");
        }
        Files.createSymbolicLink(s.tree.entry(p), t);
        reply(out, p);
    }

    /** fuse_link_in {oldnodeid} name: a hard link (link(2) does not follow a symlink source). */
    void link(Request r, FuseOut out) throws ErrnoException, IOException {
        FuseIn in = r.in();
        Path source = s.tree.entry(s.nodes.path(in.u64()));
        ConfinedPath p = child(r.nodeid(), in.str());
        s.requireWritable();
        if (HostStat.lstat(source).isDirectory()) {
            throw new ErrnoException(Errno.EPERM, "hard link to a directory");
        }
        Files.createLink(s.tree.entry(p), source);
        reply(out, p);
    }

    /** UNLINK ({@code dir} false) or RMDIR: name. */
    void remove(Request r, boolean dir) throws ErrnoException, IOException {
        ConfinedPath p = child(r.nodeid(), r.in().str());
        s.requireWritable();
        Path host = s.tree.entry(p);
        boolean isDir = HostStat.lstat(host).isDirectory();
        if (dir != isDir) {
            throw new ErrnoException(dir ? Errno.ENOTDIR : Errno.EISDIR, "wrong type for " + (dir ? "rmdir" : "unlink"));
        }
        Files.delete(host);
        s.nodes.detach(p);
    }

    /** RENAME: fuse_rename_in {newdir}; RENAME2: {newdir, flags, padding}; then oldname, newname. */
    void rename(Request r, boolean two) throws ErrnoException, IOException {
        FuseIn in = r.in();
        long newdir = in.u64();
        int flags = 0;
        if (two) {
            flags = in.u32();
            in.u32();
        }
        ConfinedPath from = child(r.nodeid(), in.str());
        ConfinedPath to = child(newdir, in.str());
        if ((flags & ~RENAME_NOREPLACE) != 0) {
            throw new ErrnoException(Errno.EINVAL, "rename flags " + flags);
        }
        s.requireWritable();
        Path src = s.tree.entry(from);
        Path dst = s.tree.entry(to);
        if ((flags & RENAME_NOREPLACE) != 0 && exists(dst)) {
            throw new ErrnoException(Errno.EEXIST, "rename target exists");
        }
        Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
        s.nodes.rename(from, to);
    }

    private static boolean exists(Path p) throws IOException {
        try {
            HostStat.lstat(p);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** The link's target bytes (no NUL). */
    void readlink(Request r, FuseOut out) throws ErrnoException, IOException {
        Path p = s.tree.entry(s.nodes.path(r.nodeid()));
        if (!HostStat.lstat(p).isSymlink()) {
            throw new ErrnoException(Errno.EINVAL, "not a symlink");
        }
        byte[] target = Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8);
        out.bytes(target, 0, target.length);
    }
}
