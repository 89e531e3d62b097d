package org.jvmm.devices.virtio.impl.fs.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseException;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseIn;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOut;
import org.jvmm.devices.virtio.impl.fs.server.HandleTable.DirHandle;

/**
 * OPENDIR, READDIR, READDIRPLUS, FSYNCDIR, RELEASEDIR. A listing is a sorted snapshot of the names, "."
 * and ".." first, taken at OPENDIR and again when the guest reads from offset 0; an entry's offset is
 * its index + 1, the cookie for the next read. Entries removed since the snapshot are skipped.
 */
final class DirOps {
    /** The most names one snapshot holds (bounds host memory for huge directories). */
    static final int MAX_ENTRIES = 1 << 20;
    /** fuse_dirent without its name: ino off namelen type. */
    static final int DIRENT = 24;
    /** fuse_entry_out before a fuse_direntplus' dirent. */
    static final int ENTRY_OUT = 128;

    private final FuseServer s;

    DirOps(FuseServer s) {
        this.s = s;
    }

    /** fuse_open_in {flags, open_flags}: fuse_open_out. */
    void opendir(Request r, FuseOut out) throws FuseException, IOException {
        r.in().u32();
        Path dir = s.tree.directory(s.nodes.path(r.nodeid()));
        long fh = s.handles.add(new DirHandle(snapshot(dir)));
        out.u64(fh).u32(0).u32(0);
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

    /** fuse_read_in {fh, offset, size, ...}: fuse_dirent (or fuse_direntplus) records, each 8-aligned. */
    void readdir(Request r, FuseOut out, boolean plus) throws FuseException, IOException {
        FuseIn in = r.in();
        DirHandle d = s.handles.dir(in.u64());
        long offset = in.u64();
        long size = Integer.toUnsignedLong(in.u32());
        FsPath rel = s.nodes.path(r.nodeid());
        Path dir = s.tree.directory(rel);
        if (offset == 0) {
            d.listing = snapshot(dir);
        }
        long budget = Math.min(size, r.room());
        for (long i = offset; i >= 0 && i < d.listing.size(); i++) {
            String name = d.listing.get((int) i);
            FsStat st = stat(rel, dir, name);
            if (st == null) {
                continue;
            }
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            int len = (plus ? ENTRY_OUT : 0) + DIRENT + (n.length + 7 & ~7);
            if (out.position() + len > budget) {
                break;
            }
            if (plus) {
                boolean dot = name.equals(".") || name.equals("..");
                long id = dot ? 0 : s.nodes.lookup(rel.child(name));
                EntryOps.writeEntry(out, id, st);
            }
            out.u64(st.ino()).u64(i + 1).u32(n.length).u32(st.direntType()).bytes(n, 0, n.length).pad8();
        }
    }

    /** The lstat of an entry, or null when it disappeared or has a name the guest cannot use. */
    private FsStat stat(FsPath rel, Path dir, String name) throws IOException {
        try {
            return switch (name) {
                case "." -> FsStat.lstat(dir);
                case ".." -> FsStat.lstat(rel.isRoot() ? dir : s.tree.directory(rel.parent()));
                default -> FsStat.lstat(s.tree.child(dir, name));
            };
        } catch (NoSuchFileException | FuseException e) {
            return null;
        }
    }

    /** fuse_fsync_in {fh, ...}: directory changes are not buffered here; the handle must exist. */
    void fsyncdir(Request r) throws FuseException {
        s.handles.dir(r.in().u64());
    }

    /** fuse_release_in {fh, ...}. */
    void releasedir(Request r) throws FuseException {
        s.handles.release(r.in().u64(), true);
    }
}
