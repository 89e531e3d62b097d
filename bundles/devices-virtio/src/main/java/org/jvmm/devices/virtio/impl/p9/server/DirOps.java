package org.jvmm.devices.virtio.impl.p9.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedTree;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.hostfs.HostFiles;
import org.jvmm.devices.virtio.impl.p9.proto.P9Reader;
import org.jvmm.devices.virtio.impl.p9.proto.P9Writer;

/** Treaddir, Tmkdir, Tsymlink, Tlink, Tmknod, Treadlink: directory contents and links. */
final class DirOps {
    /** PATH_MAX - 1: the longest symlink target accepted. */
    static final int MAX_TARGET = 4095;

    private final Session s;

    DirOps(Session s) {
        this.s = s;
    }

    /** fid[4] offset[8] count[4] on a directory fid opened with Tlopen. */
    void readdir(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid f = s.fids.get(in.u32());
        long offset = in.u64();
        long count = Integer.toUnsignedLong(in.u32());
        if (!f.directoryOpen) {
            throw new ErrnoException(f.channel != null ? Errno.ENOTDIR : Errno.EBADF, "fid is not an open directory");
        }
        Path dir = s.tree.directory(f.path);
        if (offset == 0 || f.listing == null) {
            f.listing = ConfinedTree.listing(dir);
        }
        int countAt = out.reserve(4);
        int budget = (int) Math.min(count, out.room());
        out.put32(countAt, DirectoryListing.write(s, f.path, dir, f.listing, offset, budget, out));
    }

    /** dfid[4] name[s] mode[4] gid[4]. */
    void mkdir(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid d = s.fids.get(in.u32());
        String name = in.str();
        int mode = in.u32();
        in.u32();
        s.requireWritable();
        Path c = s.tree.child(s.tree.directory(d.path), name);
        Files.createDirectory(c);
        HostFiles.chmod(c, mode);
        s.qid(c, d.path.child(name)).write(out);
    }

    /**
     * fid[4] name[s] symtgt[s] gid[4]: the link is created on the host with the guest's text; the server
     * itself never follows it, so an absolute or ".." target only means something inside the guest.
     */
    void symlink(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid d = s.fids.get(in.u32());
        String name = in.str();
        String target = in.str();
        in.u32();
        s.requireWritable();
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new ErrnoException(target.isEmpty() ? Errno.ENOENT : Errno.EINVAL, "bad symlink target");
        }
        if (target.length() > MAX_TARGET) {
            throw new ErrnoException(Errno.ENAMETOOLONG, "symlink target too long");
        }
        Path c = s.tree.child(s.tree.directory(d.path), name);
        Path t;
        try {
            t = c.getFileSystem().getPath(target);
        } catch (InvalidPathException e) {
            throw new ErrnoException(Errno.EINVAL, "symlink target not valid on the host");
        }
        Files.createSymbolicLink(c, t);
        s.qid(c, d.path.child(name)).write(out);
    }

    /** dfid[4] fid[4] name[s]: a hard link to a non-directory. */
    void link(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid d = s.fids.get(in.u32());
        Fid target = s.fids.get(in.u32());
        String name = in.str();
        s.requireWritable();
        Path existing = s.tree.entry(target.path);
        if (Session.stat(existing).isDirectory()) {
            throw new ErrnoException(Errno.EPERM, "hard link to a directory");
        }
        Files.createLink(s.tree.child(s.tree.directory(d.path), name), existing);
    }

    /** dfid[4] name[s] mode[4] major[4] minor[4] gid[4]: device nodes and FIFOs are not made. */
    void mknod(P9Reader in, P9Writer out) throws ErrnoException {
        s.fids.get(in.u32());
        in.str();
        in.u32();
        in.u32();
        in.u32();
        in.u32();
        s.requireWritable();
        throw new ErrnoException(Errno.EOPNOTSUPP, "mknod is not supported");
    }

    /** fid[4]: the link's own text. */
    void readlink(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Path p = s.tree.entry(s.fids.get(in.u32()).path);
        if (!Session.stat(p).isSymlink()) {
            throw new ErrnoException(Errno.EINVAL, "not a symlink");
        }
        out.str(Files.readSymbolicLink(p).toString());
    }
}
