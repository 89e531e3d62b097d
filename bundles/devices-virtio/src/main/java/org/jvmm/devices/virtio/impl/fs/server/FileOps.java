package org.jvmm.devices.virtio.impl.fs.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseIn;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOut;
import org.jvmm.devices.virtio.impl.fs.server.HandleTable.FileHandle;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedPath;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.hostfs.HostFiles;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;

/** OPEN, CREATE, READ, WRITE, FLUSH, FSYNC, RELEASE, GETATTR, SETATTR. */
final class FileOps {
    static final int O_ACCMODE = 3;
    static final int O_WRONLY = 1;
    static final int O_EXCL = 0200;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;
    static final int GETATTR_FH = 1;

    private final FuseServer s;
    private final EntryOps entries;

    FileOps(FuseServer s) {
        this.s = s;
        this.entries = new EntryOps(s);
    }

    /** fuse_open_in {flags, open_flags}: regular files only (symlinks ELOOP, special files ENXIO). */
    void open(Request r, FuseOut out) throws ErrnoException, IOException {
        int flags = r.in().u32();
        Path p = s.tree.entry(s.nodes.path(r.nodeid()));
        HostStat st = HostStat.lstat(p);
        if (st.isDirectory()) {
            throw new ErrnoException(Errno.EISDIR, "OPEN of a directory");
        }
        openOut(out, openExisting(p, st, flags));
    }

    private long openExisting(Path p, HostStat st, int flags) throws ErrnoException, IOException {
        if (st.isSymlink()) {
            throw new ErrnoException(Errno.ELOOP, "symlinks are not opened");
        }
        if (!st.isRegular()) {
            throw new ErrnoException(Errno.ENXIO, "special files are not opened");
        }
        boolean write = writes(flags);
        if (write) {
            s.requireWritable();
        }
        Set<OpenOption> o = new HashSet<>();
        o.add(LinkOption.NOFOLLOW_LINKS);
        o.add((flags & O_ACCMODE) == O_WRONLY ? StandardOpenOption.WRITE : StandardOpenOption.READ);
        if (write) {
            o.add(StandardOpenOption.WRITE);
            if ((flags & O_TRUNC) != 0) {
                o.add(StandardOpenOption.TRUNCATE_EXISTING);
            }
        }
        return s.handles.add(new FileHandle(FileChannel.open(p, o), write, (flags & O_APPEND) != 0, st));
    }

    private static boolean writes(int flags) throws ErrnoException {
        int acc = flags & O_ACCMODE;
        if (acc == O_ACCMODE) {
            throw new ErrnoException(Errno.EINVAL, "invalid access mode");
        }
        return acc != 0;
    }

    /** fuse_open_out: fh open_flags padding. */
    private static void openOut(FuseOut out, long fh) {
        out.u64(fh).u32(0).u32(0);
    }

    /** fuse_create_in {flags, mode, umask, open_flags} name: fuse_entry_out then fuse_open_out. */
    void create(Request r, FuseOut out) throws ErrnoException, IOException {
        FuseIn in = r.in();
        int flags = in.u32();
        int mode = in.u32();
        int umask = in.u32();
        in.u32();
        ConfinedPath path = entries.child(r.nodeid(), in.str());
        s.requireWritable();
        writes(flags);
        Path p = s.tree.entry(path);
        HostStat existing = lstatOrNull(p);
        long fh;
        if (existing != null) {
            if ((flags & O_EXCL) != 0) {
                throw new ErrnoException(Errno.EEXIST, "O_EXCL and the file exists");
            }
            if (existing.isDirectory()) {
                throw new ErrnoException(Errno.EISDIR, "CREATE over a directory");
            }
            fh = openExisting(p, existing, flags);
        } else {
            FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            try {
                HostFiles.chmod(p, mode & ~umask & 0777);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            fh = s.handles.add(new FileHandle(ch, true, (flags & O_APPEND) != 0, HostStat.lstat(p)));
        }
        entries.reply(out, path);
        openOut(out, fh);
    }

    private static HostStat lstatOrNull(Path p) throws IOException {
        try {
            return HostStat.lstat(p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** fuse_read_in: fh offset size read_flags lock_owner flags padding; replies the bytes read. */
    void read(Request r, FuseOut out) throws ErrnoException, IOException {
        FuseIn in = r.in();
        FileHandle f = s.handles.file(in.u64());
        long offset = in.u64();
        int size = in.u32();
        if (offset < 0) {
            throw new ErrnoException(Errno.EINVAL, "negative offset");
        }
        int n = (int) Math.min(Integer.toUnsignedLong(size), Math.min(r.room(), FuseServer.MAX_WRITE));
        ByteBuffer b = ByteBuffer.allocate(n);
        try {
            while (b.hasRemaining() && f.channel().read(b, offset + b.position()) > 0) {
                // until full or end of file
            }
        } catch (NonReadableChannelException e) {
            throw new ErrnoException(Errno.EBADF, "file not open for reading");
        }
        out.bytes(b.array(), 0, b.position());
    }

    /** fuse_write_in: fh offset size write_flags lock_owner flags padding, then the data; fuse_write_out. */
    void write(Request r, FuseOut out) throws ErrnoException, IOException {
        FuseIn in = r.in();
        FileHandle f = s.handles.file(in.u64());
        long offset = in.u64();
        int size = in.u32();
        in.skip(4 + 8 + 4 + 4);
        int at = in.take(size);
        if (!f.writable()) {
            throw new ErrnoException(Errno.EBADF, "file not open for writing");
        }
        if (offset < 0 || offset + size < 0) {
            throw new ErrnoException(Errno.EINVAL, "bad offset");
        }
        long pos = f.append() ? f.channel().size() : offset;
        ByteBuffer b = ByteBuffer.wrap(in.array(), at, size);
        while (b.hasRemaining()) {
            pos += f.channel().write(b, pos);
        }
        out.u32(size).u32(0);
    }

    /** fuse_flush_in {fh, ...}: nothing is buffered here; the handle must exist. */
    void flush(Request r) throws ErrnoException {
        s.handles.file(r.in().u64());
    }

    /** fuse_fsync_in {fh, fsync_flags}: bit 0 asks for data only (fdatasync). */
    void fsync(Request r) throws ErrnoException, IOException {
        FuseIn in = r.in();
        FileHandle f = s.handles.file(in.u64());
        f.channel().force((in.u32() & 1) == 0);
    }

    /** fuse_release_in {fh, flags, release_flags, lock_owner}. */
    void release(Request r) throws ErrnoException {
        s.handles.release(r.in().u64(), false);
    }

    /** fuse_getattr_in {getattr_flags, dummy, fh}: fuse_attr_out. A removed file open by fh still answers. */
    void getattr(Request r, FuseOut out) throws ErrnoException, IOException {
        FuseIn in = r.in();
        int flags = in.remaining() >= 16 ? in.u32() : 0;
        long fh = (flags & GETATTR_FH) != 0 ? skipAndRead(in) : 0;
        attrOut(out, stat(r.nodeid(), fh), r.nodeid());
    }

    private static long skipAndRead(FuseIn in) throws ErrnoException {
        in.u32();
        return in.u64();
    }

    /** The node's stat, or that of the open file {@code fh} (nonzero) when the node's file was removed. */
    HostStat stat(long nodeid, long fh) throws ErrnoException, IOException {
        if (fh != 0 && s.nodes.known(nodeid)) {
            try {
                return HostStat.lstat(s.tree.entry(s.nodes.path(nodeid)));
            } catch (ErrnoException | NoSuchFileException e) {
                FileHandle f = s.handles.file(fh);
                return f.stat().unlinked(f.channel().size());
            }
        }
        return HostStat.lstat(s.tree.entry(s.nodes.path(nodeid)));
    }

    /** fuse_attr_out: attr_valid (u64) attr_valid_nsec dummy (u32), fuse_attr. */
    static void attrOut(FuseOut out, HostStat st, long nodeid) {
        out.u64(EntryOps.VALID_SECONDS).u32(0).u32(0);
        FuseAttr.write(out, st, st.ino() != 0 ? st.ino() : nodeid);
    }

    void setattr(Request r, FuseOut out) throws ErrnoException, IOException {
        SetattrIn a = SetattrIn.read(r.in());
        if (a.changes()) {
            s.requireWritable();
            new Setattr(s, r.nodeid(), a).apply();
        }
        attrOut(out, stat(r.nodeid(), a.fh()), r.nodeid());
    }
}
