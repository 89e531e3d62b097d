package org.jvmm.devices.virtio.impl.p9.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvmm.devices.virtio.impl.p9.proto.Errno;
import org.jvmm.devices.virtio.impl.p9.proto.P9Exception;
import org.jvmm.devices.virtio.impl.p9.proto.P9Writer;
import org.jvmm.devices.virtio.impl.p9.proto.Qid;

/**
 * Treaddir entries, qid[13] offset[8] type[1] name[s] each. A listing is a sorted snapshot of the
 * directory's names, "." and ".." first, taken when the guest reads from offset 0; an entry's offset is
 * its index + 1, the cookie for the next read. Entries removed since the snapshot are skipped.
 */
final class DirectoryListing {
    /** The most names one snapshot holds (bounds memory for huge directories). */
    static final int MAX_ENTRIES = 1 << 20;
    private static final int ENTRY_FIXED = Qid.SIZE + 8 + 1 + 2;

    private DirectoryListing() {
    }

    static List<String> snapshot(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (names.size() >= MAX_ENTRIES) {
                    break;
                }
                names.add(p.getFileName().toString());
            }
        }
        names.sort(null);
        names.addAll(0, List.of(".", ".."));
        return names;
    }

    /**
     * Writes entries from index {@code offset} while they fit in {@code budget} bytes; returns how many
     * bytes were written (0 at the end of the listing).
     */
    static int write(Session s, RelPath rel, Path dir, List<String> names, long offset, int budget, P9Writer out)
            throws P9Exception, IOException {
        int start = out.position();
        for (long i = offset; i >= 0 && i < names.size(); i++) {
            String name = names.get((int) i);
            int size = ENTRY_FIXED + name.getBytes(StandardCharsets.UTF_8).length;
            if (out.position() - start + size > budget) {
                if (out.position() == start) {
                    throw new P9Exception(Errno.EINVAL, "readdir count too small for the next entry");
                }
                break;
            }
            HostStat st = stat(s, rel, dir, name);
            if (st != null) {
                qid(s, rel, name, st).write(out);
                out.u64(i + 1).u8(st.mode() >>> 12 & 0xF).str(name);
            }
        }
        return out.position() - start;
    }

    /** The lstat of an entry, or null when it disappeared or cannot be named on the host. */
    private static HostStat stat(Session s, RelPath rel, Path dir, String name) throws P9Exception, IOException {
        try {
            return switch (name) {
                case "." -> HostStat.lstat(dir);
                case ".." -> HostStat.lstat(rel.isRoot() ? dir : s.tree.directory(rel.parent()));
                default -> HostStat.lstat(s.tree.child(dir, name));
            };
        } catch (NoSuchFileException | P9Exception e) {
            return null;
        }
    }

    private static Qid qid(Session s, RelPath rel, String name, HostStat st) {
        RelPath at = switch (name) {
            case "." -> rel;
            case ".." -> rel.parent();
            default -> rel.child(name);
        };
        return s.qid(st, at);
    }
}
