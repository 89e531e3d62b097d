package org.jvmm.devices.virtio.impl.p9.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedPath;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.p9.proto.P9Reader;
import org.jvmm.devices.virtio.impl.p9.proto.P9Writer;

/** Tunlinkat, Tremove, Trenameat, Trename: unlink(2) and rename(2) of entries, links never followed. */
final class RemoveOps {
    static final int AT_REMOVEDIR = 0x200;

    private final Session s;

    RemoveOps(Session s) {
        this.s = s;
    }

    /** dirfid[4] name[s] flags[4]: AT_REMOVEDIR removes an empty directory, otherwise a non-directory. */
    void unlinkat(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid d = s.fids.get(in.u32());
        String name = in.str();
        int flags = in.u32();
        s.requireWritable();
        if ((flags & ~AT_REMOVEDIR) != 0) {
            throw new ErrnoException(Errno.EINVAL, "unlinkat flags " + Integer.toHexString(flags));
        }
        Path c = s.tree.child(s.tree.directory(d.path), name);
        boolean dir = Session.stat(c).isDirectory();
        if (dir != ((flags & AT_REMOVEDIR) != 0)) {
            throw new ErrnoException(dir ? Errno.EISDIR : Errno.ENOTDIR, "unlinkat type mismatch");
        }
        Files.delete(c);
    }

    /** fid[4]: removes what fid names; the fid is clunked whether or not that worked. */
    void remove(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        int fid = in.u32();
        Fid f = s.fids.get(fid);
        try {
            s.requireWritable();
            if (f.path.isRoot()) {
                throw new ErrnoException(Errno.EBUSY, "the export root is not removed");
            }
            Files.delete(s.tree.entry(f.path));
        } finally {
            s.fids.clunk(fid);
        }
    }

    /** olddirfid[4] oldname[s] newdirfid[4] newname[s]. */
    void renameat(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid from = s.fids.get(in.u32());
        String oldName = in.str();
        Fid to = s.fids.get(in.u32());
        String newName = in.str();
        rename(from.path, oldName, to.path, newName);
    }

    /** fid[4] dfid[4] name[s]: renames what fid names into directory dfid. */
    void rename(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid f = s.fids.get(in.u32());
        Fid to = s.fids.get(in.u32());
        String name = in.str();
        if (f.path.isRoot()) {
            throw new ErrnoException(Errno.EBUSY, "the export root is not renamed");
        }
        rename(f.path.parent(), f.path.last(), to.path, name);
    }

    private void rename(ConfinedPath fromDir, String oldName, ConfinedPath toDir, String newName) throws ErrnoException, IOException {
        s.requireWritable();
        Path src = s.tree.child(s.tree.directory(fromDir), oldName);
        Path dst = s.tree.child(s.tree.directory(toDir), newName);
        Session.stat(src);
        ConfinedPath oldRel = fromDir.child(oldName);
        ConfinedPath newRel = toDir.child(newName);
        if (newRel.equals(oldRel)) {
            return;
        }
        if (newRel.startsWith(oldRel)) {
            throw new ErrnoException(Errno.EINVAL, "a directory cannot move below itself");
        }
        Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
        s.fids.rebase(oldRel, newRel);
    }
}
