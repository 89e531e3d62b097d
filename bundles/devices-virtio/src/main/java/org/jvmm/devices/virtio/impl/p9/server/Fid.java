package org.jvmm.devices.virtio.impl.p9.server;

import java.nio.channels.FileChannel;
import java.util.List;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedPath;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;

/**
 * One fid of the session: the path it names and, once opened, either a host file channel (with the
 * access the guest asked for) or a directory listing snapshot for Treaddir.
 */
final class Fid {
    ConfinedPath path;
    FileChannel channel;
    boolean readable;
    boolean writable;
    boolean append;
    boolean directoryOpen;
    /** The file's stat when it was opened: what getattr reports once the open file has been unlinked. */
    HostStat openStat;
    /** The names of an open directory, "." and ".." first, taken at readdir offset 0. */
    List<String> listing;

    Fid(ConfinedPath path) {
        this.path = path;
    }

    boolean isOpen() {
        return channel != null || directoryOpen;
    }
}
