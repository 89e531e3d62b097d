package org.jvmm.devices.virtio.impl.p9.server;

import java.util.HashMap;
import java.util.Map;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedPath;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;
import org.jvmm.devices.virtio.impl.p9.proto.Qid;

/**
 * Qids from host inodes: the path is the inode number, with the top 16 bits naming the host device
 * (0 for the root's device, 1, 2, ... for file systems mounted below it) so qids stay unique across
 * mount points. Where the host gives no inode, the path is a hash of the file's path in the export.
 */
final class QidMapper {
    private static final int MAX_DEVICES = 0xFFFF;
    private static final long INODE_MASK = (1L << 48) - 1;

    private final Map<Long, Long> devices = new HashMap<>();
    private final long rootDevice;

    QidMapper(long rootDevice) {
        this.rootDevice = rootDevice;
        devices.put(rootDevice, 0L);
    }

    /** Host device to qid prefix, for a snapshot. */
    Map<Long, Long> saved() {
        return Map.copyOf(devices);
    }

    /** Takes saved prefixes for the file systems below the root; the root's own device stays prefix 0. */
    void restore(Map<Long, Long> saved) {
        devices.clear();
        devices.put(rootDevice, 0L);
        saved.forEach((dev, prefix) -> {
            if (prefix != 0 && dev != rootDevice && prefix < MAX_DEVICES) {
                devices.put(dev, prefix);
            }
        });
    }

    Qid qid(HostStat st, ConfinedPath rel) {
        int type = st.isDirectory() ? Qid.DIR : st.isSymlink() ? Qid.SYMLINK : Qid.FILE;
        int version = (int) (st.mtime().toMillis() / 1000 ^ st.size() << 8);
        return new Qid(type, version, path(st, rel));
    }

    private long path(HostStat st, ConfinedPath rel) {
        if (st.ino() == 0) {
            return rel.toString().hashCode() & 0xFFFF_FFFFL | 1L << 47;
        }
        Long prefix = devices.get(st.dev());
        if (prefix == null) {
            if (devices.size() >= MAX_DEVICES) {
                return (long) MAX_DEVICES << 48 | st.ino() & INODE_MASK;
            }
            prefix = (long) devices.size();
            devices.put(st.dev(), prefix);
        }
        return prefix << 48 | st.ino() & INODE_MASK;
    }
}
