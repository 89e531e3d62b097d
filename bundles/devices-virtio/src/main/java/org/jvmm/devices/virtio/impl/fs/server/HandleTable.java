package org.jvmm.devices.virtio.impl.fs.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;

/** Open file and directory handles (fh) of the session; fhs are never reused within a session. */
final class HandleTable {
    /** The most handles open at once (each regular one holds a host file descriptor). */
    static final int MAX_HANDLES = 4096;

    /** An open handle. */
    sealed interface Handle permits FileHandle, DirHandle {
    }

    /** A regular file open on the host; {@code stat} as at open (for a file unlinked since). */
    record FileHandle(FileChannel channel, boolean writable, boolean append, HostStat stat) implements Handle {
    }

    /** An open directory; {@code listing} is the snapshot the offsets index (replaced on rewind). */
    static final class DirHandle implements Handle {
        List<String> listing;

        DirHandle(List<String> listing) {
            this.listing = listing;
        }
    }

    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");
    private final Map<Long, Handle> handles = new HashMap<>();
    private long nextFh = 1;

    int size() {
        return handles.size();
    }

    long nextFh() {
        return nextFh;
    }

    /** After a restore: handles go on from {@code value}, so none is reused within the session. */
    void continueFrom(long value) {
        nextFh = Math.max(1, value);
    }

    long add(Handle h) throws ErrnoException {
        if (handles.size() >= MAX_HANDLES) {
            close(h);
            throw new ErrnoException(Errno.EMFILE, "too many open handles");
        }
        long fh = nextFh++;
        handles.put(fh, h);
        return fh;
    }

    FileHandle file(long fh) throws ErrnoException {
        if (handles.get(fh) instanceof FileHandle f) {
            return f;
        }
        throw new ErrnoException(Errno.EBADF, "no open file " + fh);
    }

    DirHandle dir(long fh) throws ErrnoException {
        if (handles.get(fh) instanceof DirHandle d) {
            return d;
        }
        throw new ErrnoException(Errno.EBADF, "no open directory " + fh);
    }

    /** Closes and forgets handle {@code fh}, which must be a file ({@code dir == false}) or a directory. */
    void release(long fh, boolean dir) throws ErrnoException {
        Handle h = dir ? dir(fh) : file(fh);
        handles.remove(fh);
        close(h);
    }

    void clear() {
        handles.values().forEach(HandleTable::close);
        handles.clear();
    }

    private static void close(Handle h) {
        if (h instanceof FileHandle f) {
            try {
                f.channel().close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "virtio-fs: closing a host file failed", e);
            }
        }
    }
}
