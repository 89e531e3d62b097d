package org.jvmm.devices.virtio.impl.p9.server;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedTree;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.hostfs.HostFiles;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;
import org.jvmm.devices.virtio.impl.p9.proto.P9Reader;
import org.jvmm.devices.virtio.impl.p9.proto.P9Writer;

/** Tgetattr, Tsetattr, Tstatfs, Txattrwalk, Txattrcreate. */
final class AttrOps {
    static final long GETATTR_BASIC = 0x7FF;
    static final long GETATTR_BTIME = 0x800;
    static final int SET_MODE = 0x1;
    static final int SET_UID = 0x2;
    static final int SET_GID = 0x4;
    static final int SET_SIZE = 0x8;
    static final int SET_ATIME = 0x10;
    static final int SET_MTIME = 0x20;
    static final int SET_ATIME_SET = 0x80;
    static final int SET_MTIME_SET = 0x100;
    static final int V9FS_MAGIC = 0x01021997;
    private static final long BLKSIZE = 4096;

    private final Session s;

    AttrOps(Session s) {
        this.s = s;
    }

    /** fid[4] request_mask[8]: all basic fields (and btime) whatever was asked, as the protocol allows. */
    void getattr(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid f = s.fids.get(in.u32());
        in.u64();
        HostStat st = stat(f);
        out.u64(GETATTR_BASIC | (st.btime() != null ? GETATTR_BTIME : 0));
        s.qid(st, f.path).write(out);
        out.u32(st.mode()).u32(st.uid()).u32(st.gid()).u64(st.nlink()).u64(st.rdev()).u64(st.size());
        out.u64(BLKSIZE).u64((st.size() + 511) / 512);
        time(out, st.atime());
        time(out, st.mtime());
        time(out, st.ctime());
        time(out, st.btime());
        out.u64(0).u64(0);
    }

    /** The fid's file, or for an open file unlinked since (fstat after unlink) what it was when opened. */
    private HostStat stat(Fid f) throws ErrnoException, IOException {
        try {
            return Session.stat(s.tree.entry(f.path));
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOENT || f.channel == null || f.openStat == null) {
                throw e;
            }
            return f.openStat.unlinked(f.channel.size());
        }
    }

    private static void time(P9Writer out, FileTime t) throws ErrnoException {
        if (t == null) {
            out.u64(0).u64(0);
            return;
        }
        Instant i = t.toInstant();
        out.u64(i.getEpochSecond()).u64(i.getNano());
    }

    /** fid[4] valid[4] mode[4] uid[4] gid[4] size[8] atime[8+8] mtime[8+8]; ctime follows the change. */
    void setattr(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid f = s.fids.get(in.u32());
        int valid = in.u32();
        int mode = in.u32();
        int uid = in.u32();
        int gid = in.u32();
        long size = in.u64();
        FileTime atime = time(in.u64(), in.u64(), valid, SET_ATIME, SET_ATIME_SET);
        FileTime mtime = time(in.u64(), in.u64(), valid, SET_MTIME, SET_MTIME_SET);
        if ((valid & (SET_MODE | SET_UID | SET_GID | SET_SIZE | SET_ATIME | SET_MTIME)) == 0) {
            return;
        }
        s.requireWritable();
        Path p = s.tree.entry(f.path);
        HostStat st = Session.stat(p);
        if ((valid & SET_MODE) != 0) {
            if (st.isSymlink()) {
                throw new ErrnoException(Errno.EOPNOTSUPP, "symlink modes are fixed");
            }
            HostFiles.chmod(p, mode);
        }
        owners(p, st, valid, uid, gid);
        if ((valid & SET_SIZE) != 0) {
            if (!st.isRegular()) {
                throw new ErrnoException(st.isDirectory() ? Errno.EISDIR : Errno.EINVAL, "size of a non-file");
            }
            HostFiles.resize(p, size);
        }
        if (atime != null || mtime != null) {
            HostFiles.times(p, atime, mtime);
        }
    }

    private static void owners(Path p, HostStat st, int valid, int uid, int gid) throws ErrnoException, IOException {
        if ((valid & SET_UID) != 0 && uid != -1 && uid != st.uid()) {
            HostFiles.chown(p, "uid", uid);
        }
        if ((valid & SET_GID) != 0 && gid != -1 && gid != st.gid()) {
            HostFiles.chown(p, "gid", gid);
        }
    }

    /** The time to set: null when not asked, the given time with the SET bit, else now. */
    private static FileTime time(long sec, long nsec, int valid, int bit, int setBit) throws ErrnoException {
        if ((valid & bit) == 0) {
            return null;
        }
        if ((valid & setBit) == 0) {
            return FileTime.from(Instant.now());
        }
        if (nsec < 0 || nsec >= TimeUnit.SECONDS.toNanos(1)) {
            throw new ErrnoException(Errno.EINVAL, "nanoseconds out of range");
        }
        try {
            return FileTime.from(Instant.ofEpochSecond(sec, nsec));
        } catch (DateTimeException | ArithmeticException e) {
            throw new ErrnoException(Errno.EINVAL, "time out of range");
        }
    }

    /** fid[4]: the host file system of the export root. */
    void statfs(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        s.fids.get(in.u32());
        FileStore store = Files.getFileStore(s.tree.root());
        long bsize = blockSize(store);
        out.u32(V9FS_MAGIC).u32((int) bsize);
        out.u64(store.getTotalSpace() / bsize).u64(store.getUnallocatedSpace() / bsize)
                .u64(store.getUsableSpace() / bsize);
        out.u64(0).u64(0).u64(0).u32(ConfinedTree.NAME_MAX);
    }

    private static long blockSize(FileStore store) throws IOException {
        try {
            long b = store.getBlockSize();
            return b >= 512 && b <= 1 << 20 ? b : BLKSIZE;
        } catch (UnsupportedOperationException e) {
            return BLKSIZE;
        }
    }

    /** fid[4] newfid[4] name[s]: extended attributes are not supported (EOPNOTSUPP). */
    void xattrwalk(P9Reader in, P9Writer out) throws ErrnoException {
        s.fids.get(in.u32());
        in.u32();
        in.str();
        throw new ErrnoException(Errno.EOPNOTSUPP, "extended attributes are not supported");
    }

    /** fid[4] name[s] attr_size[8] flags[4]: EOPNOTSUPP (EROFS on a read-only export). */
    void xattrcreate(P9Reader in, P9Writer out) throws ErrnoException {
        s.fids.get(in.u32());
        in.str();
        in.u64();
        in.u32();
        s.requireWritable();
        throw new ErrnoException(Errno.EOPNOTSUPP, "extended attributes are not supported");
    }
}
