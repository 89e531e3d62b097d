package org.jvmm.devices.virtio.impl.p9.server;

import java.nio.channels.FileChannel;
import java.util.List;

/**
 * One fid of the session: the path it names and, once opened, either a host file channel (with the
 * access the guest asked for) or a directory listing snapshot for Treaddir.
 */
final class Fid {
    RelPath path;
    FileChannel channel;
    boolean readable;
    boolean writable;
    boolean append;
    boolean directoryOpen;
    /** The file's stat when it was opened: what getattr reports once the open file has been unlinked. */
    HostStat openStat;
    /** The names of an open directory, "." and ".." first, taken at readdir offset 0. */
    List<String> listing;

    Fid(RelPath path) {
        this.path = path;
    }

    boolean isOpen() {
        return channel != null || directoryOpen;
    }
}
