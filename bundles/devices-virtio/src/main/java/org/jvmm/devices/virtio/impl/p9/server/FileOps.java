package org.jvmm.devices.virtio.impl.p9.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedPath;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.hostfs.HostFiles;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;
import org.jvmm.devices.virtio.impl.p9.proto.P9Reader;
import org.jvmm.devices.virtio.impl.p9.proto.P9Writer;

/** Tlopen, Tlcreate, Tread, Twrite, Tfsync, Tlock, Tgetlock. */
final class FileOps {
    private final Session s;

    FileOps(Session s) {
        this.s = s;
    }

    /**
     * fid[4] flags[4]: a directory opens for Treaddir (read-only), a regular file gets a host channel;
     * symlinks (ELOOP) and special files (ENXIO: a FIFO would block the server) are refused.
     */
    void lopen(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid f = unopened(in.u32());
        OpenFlags flags = OpenFlags.of(in.u32());
        Path p = s.tree.entry(f.path);
        HostStat st = Session.stat(p);
        if (st.isDirectory()) {
            if (flags.write()) {
                throw new ErrnoException(Errno.EISDIR, "directory opened for writing");
            }
            f.directoryOpen = true;
            f.listing = null;
        } else {
            checkOpenable(st, flags);
            s.fids.open(f, flags.open(p), flags.read(), flags.write(), flags.append());
            f.openStat = st;
        }
        s.qid(st, f.path).write(out);
        out.u32(0);
    }

    private void checkOpenable(HostStat st, OpenFlags flags) throws ErrnoException {
        if (st.isSymlink()) {
            throw new ErrnoException(Errno.ELOOP, "symlinks are not opened");
        }
        if (flags.directory()) {
            throw new ErrnoException(Errno.ENOTDIR, "O_DIRECTORY on a file");
        }
        if (!st.isRegular()) {
            throw new ErrnoException(Errno.ENXIO, "special files are not opened");
        }
        if (flags.write()) {
            s.requireWritable();
        }
    }

    /**
     * fid[4] name[s] flags[4] mode[4] gid[4]: creates (or with O_EXCL only creates) regular file name in
     * directory fid and opens it; fid then names the new file.
     */
    void lcreate(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid f = unopened(in.u32());
        String name = in.str();
        OpenFlags flags = OpenFlags.of(in.u32());
        int mode = in.u32();
        in.u32();
        s.requireWritable();
        Path c = s.tree.child(s.tree.directory(f.path), name);
        boolean exists = Files.exists(c, LinkOption.NOFOLLOW_LINKS);
        if (exists && flags.exclusive()) {
            throw new ErrnoException(Errno.EEXIST, "file exists");
        }
        if (!exists) {
            Files.createFile(c);
            HostFiles.chmod(c, mode);
        }
        ConfinedPath rel = f.path.child(name);
        HostStat st = Session.stat(c);
        if (st.isDirectory()) {
            throw new ErrnoException(Errno.EISDIR, "a directory of that name exists");
        }
        checkOpenable(st, flags);
        s.fids.open(f, flags.open(c), flags.read(), flags.write(), flags.append());
        f.openStat = st;
        f.path = rel;
        s.qid(st, rel).write(out);
        out.u32(0);
    }

    /** fid[4] offset[8] count[4]: at most what fits in the reply. */
    void read(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid f = s.fids.get(in.u32());
        long offset = in.u64();
        long count = Integer.toUnsignedLong(in.u32());
        FileChannel ch = channel(f, f.readable);
        if (offset < 0) {
            throw new ErrnoException(Errno.EINVAL, "offset beyond 2^63");
        }
        int countAt = out.reserve(4);
        int want = (int) Math.min(count, out.room());
        int start = out.reserve(want);
        ByteBuffer b = ByteBuffer.wrap(out.array(), start, want);
        long pos = offset;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        int done = (int) (pos - offset);
        out.truncate(start + done);
        out.put32(countAt, done);
    }

    /** fid[4] offset[8] count[4] data[count]; an O_APPEND fid writes at the end whatever the offset. */
    void write(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid f = s.fids.get(in.u32());
        long offset = in.u64();
        long count = Integer.toUnsignedLong(in.u32());
        if (count > in.remaining()) {
            throw new ErrnoException(Errno.EPROTO, "write data shorter than its count");
        }
        FileChannel ch = channel(f, f.writable);
        if (offset < 0) {
            throw new ErrnoException(Errno.EINVAL, "offset beyond 2^63");
        }
        ByteBuffer b = ByteBuffer.wrap(in.array(), in.position(), (int) count);
        long pos = f.append ? ch.size() : offset;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
        in.skip((int) count);
        out.u32((int) count);
    }

    private static FileChannel channel(Fid f, boolean allowed) throws ErrnoException {
        if (f.directoryOpen) {
            throw new ErrnoException(Errno.EISDIR, "I/O on a directory");
        }
        if (f.channel == null || !allowed) {
            throw new ErrnoException(Errno.EBADF, "fid not open for this");
        }
        return f.channel;
    }

    /** fid[4] datasync[4] (datasync missing from old clients): flushes an open file; nothing else to do. */
    void fsync(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        Fid f = s.fids.get(in.u32());
        boolean dataOnly = in.remaining() >= 4 && in.u32() != 0;
        if (f.channel != null) {
            f.channel.force(!dataOnly);
        }
    }

    /**
     * fid[4] type[1] flags[4] start[8] length[8] proc_id[4] client_id[s]: every lock is granted; the
     * server keeps no lock state (one guest is the only client).
     */
    void lock(P9Reader in, P9Writer out) throws ErrnoException {
        s.fids.get(in.u32());
        lockType(in.u8());
        in.u32();
        in.u64();
        in.u64();
        in.u32();
        in.str();
        out.u8(0);
    }

    /** fid[4] type[1] start[8] length[8] proc_id[4] client_id[s]: nothing is ever locked (F_UNLCK). */
    void getlock(P9Reader in, P9Writer out) throws ErrnoException {
        s.fids.get(in.u32());
        lockType(in.u8());
        long start = in.u64();
        long length = in.u64();
        int proc = in.u32();
        String client = in.str();
        out.u8(2).u64(start).u64(length).u32(proc).str(client);
    }

    private static void lockType(int type) throws ErrnoException {
        if (type > 2) {
            throw new ErrnoException(Errno.EINVAL, "lock type " + type);
        }
    }

    private Fid unopened(int fid) throws ErrnoException {
        Fid f = s.fids.get(fid);
        if (f.isOpen()) {
            throw new ErrnoException(Errno.EBADF, "fid already open");
        }
        return f;
    }
}
