package org.jvmm.devices.virtio.impl.p9.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;

/**
 * The Linux open(2) flags of Tlopen / Tlcreate (9P2000.L passes them as on x86) and how a host file is
 * opened for them: always with NOFOLLOW_LINKS, so a symlink is never opened through.
 */
record OpenFlags(boolean read, boolean write, boolean truncate, boolean append, boolean exclusive, boolean directory) {
    static final int O_ACCMODE = 3;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_EXCL = 0200;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;
    static final int O_DIRECTORY = 0200000;

    static OpenFlags of(int flags) throws ErrnoException {
        int acc = flags & O_ACCMODE;
        if (acc == O_ACCMODE) {
            throw new ErrnoException(Errno.EINVAL, "invalid access mode");
        }
        boolean write = acc == O_WRONLY || acc == O_RDWR;
        return new OpenFlags(acc != O_WRONLY, write, write && (flags & O_TRUNC) != 0, (flags & O_APPEND) != 0,
                (flags & O_EXCL) != 0, (flags & O_DIRECTORY) != 0);
    }

    /**
     * Opens an existing regular file. Appending is done by the server (writes go to the current end), as
     * the JDK refuses READ with APPEND.
     */
    FileChannel open(Path p) throws IOException {
        Set<OpenOption> o = new HashSet<>();
        o.add(LinkOption.NOFOLLOW_LINKS);
        if (read) {
            o.add(StandardOpenOption.READ);
        }
        if (write) {
            o.add(StandardOpenOption.WRITE);
        }
        if (truncate) {
            o.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        return FileChannel.open(p, o);
    }
}
