package org.jvmm.devices.virtio.impl.p9.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedPath;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;
import org.jvmm.devices.virtio.impl.p9.proto.P9Writer;
import org.jvmm.devices.virtio.impl.p9.proto.Qid;

/**
 * Treaddir entries, qid[13] offset[8] type[1] name[s] each. A listing is a sorted snapshot of the
 * directory's names, "." and ".." first, taken when the guest reads from offset 0; an entry's offset is
 * its index + 1, the cookie for the next read. Entries removed since the snapshot are skipped.
 */
final class DirectoryListing {
    private static final int ENTRY_FIXED = Qid.SIZE + 8 + 1 + 2;

    private DirectoryListing() {
    }

    /**
     * Writes entries from index {@code offset} while they fit in {@code budget} bytes; returns how many
     * bytes were written (0 at the end of the listing).
     */
    static int write(Session s, ConfinedPath rel, Path dir, List<String> names, long offset, int budget, P9Writer out)
            throws ErrnoException, IOException {
        int start = out.position();
        for (long i = offset; i >= 0 && i < names.size(); i++) {
            String name = names.get((int) i);
            int size = ENTRY_FIXED + name.getBytes(StandardCharsets.UTF_8).length;
            if (out.position() - start + size > budget) {
                if (out.position() == start) {
                    throw new ErrnoException(Errno.EINVAL, "readdir count too small for the next entry");
                }
                break;
            }
            HostStat st = s.tree.entryStat(rel, dir, name);
            if (st != null) {
                qid(s, rel, name, st).write(out);
                out.u64(i + 1).u8(st.direntType()).str(name);
            }
        }
        return out.position() - start;
    }

    private static Qid qid(Session s, ConfinedPath rel, String name, HostStat st) {
        ConfinedPath at = switch (name) {
            case "." -> rel;
            case ".." -> rel.parent();
            default -> rel.child(name);
        };
        return s.qid(st, at);
    }
}
