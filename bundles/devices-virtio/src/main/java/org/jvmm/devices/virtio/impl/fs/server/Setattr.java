package org.jvmm.devices.virtio.impl.fs.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.jvmm.devices.virtio.impl.fs.server.HandleTable.FileHandle;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.hostfs.HostFiles;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;

/** One SETATTR: size (through the open fh when given), then mode, owner and times on the node's path. */
final class Setattr {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final FuseServer s;
    private final long nodeid;
    private final SetattrIn a;

    Setattr(FuseServer s, long nodeid, SetattrIn a) {
        this.s = s;
        this.nodeid = nodeid;
        this.a = a;
    }

    void apply() throws ErrnoException, IOException {
        if (a.has(SetattrIn.SIZE)) {
            resize();
        }
        if ((a.valid() & (SetattrIn.CHANGES & ~SetattrIn.SIZE)) == 0) {
            return;
        }
        Path p = s.tree.entry(s.nodes.path(nodeid));
        HostStat st = HostStat.lstat(p);
        if (a.has(SetattrIn.MODE)) {
            if (st.isSymlink()) {
                throw new ErrnoException(Errno.EOPNOTSUPP, "chmod of a symlink");
            }
            HostFiles.chmod(p, a.mode() & 0777);
        }
        if (a.has(SetattrIn.UID) && a.uid() != st.uid()) {
            HostFiles.chown(p, "uid", a.uid());
        }
        if (a.has(SetattrIn.GID) && a.gid() != st.gid()) {
            HostFiles.chown(p, "gid", a.gid());
        }
        FileTime atime = time(SetattrIn.ATIME_NOW, SetattrIn.ATIME, a.atime(), a.atimensec());
        FileTime mtime = time(SetattrIn.MTIME_NOW, SetattrIn.MTIME, a.mtime(), a.mtimensec());
        if (atime != null || mtime != null) {
            HostFiles.times(p, atime, mtime);
        }
    }

    private void resize() throws ErrnoException, IOException {
        if (a.fh() != 0) {
            FileHandle f = s.handles.file(a.fh());
            if (!f.writable()) {
                throw new ErrnoException(Errno.EBADF, "file not open for writing");
            }
            HostFiles.resize(f.channel(), a.size());
            return;
        }
        Path p = s.tree.entry(s.nodes.path(nodeid));
        HostStat st = HostStat.lstat(p);
        if (st.isDirectory()) {
            throw new ErrnoException(Errno.EISDIR, "truncate of a directory");
        }
        if (!st.isRegular()) {
            throw new ErrnoException(Errno.EINVAL, "truncate of a special file or symlink");
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            HostFiles.resize(ch, a.size());
        }
    }

    private FileTime time(int nowBit, int setBit, long seconds, int nanos) throws ErrnoException {
        if (a.has(nowBit)) {
            return FileTime.from(Instant.now());
        }
        if (!a.has(setBit)) {
            return null;
        }
        if (Integer.toUnsignedLong(nanos) >= NANOS_PER_SECOND) {
            throw new ErrnoException(Errno.EINVAL, "nanoseconds out of range");
        }
        try {
            return FileTime.from(Instant.ofEpochSecond(seconds, nanos));
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new ErrnoException(Errno.EINVAL, "time out of range");
        }
    }
}
