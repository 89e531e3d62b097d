package org.jvmm.devices.virtio.impl.fs.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseIn;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOut;
import org.jvmm.devices.virtio.impl.fs.server.HandleTable.DirHandle;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedPath;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedTree;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;

/**
 * OPENDIR, READDIR, READDIRPLUS, FSYNCDIR, RELEASEDIR. A listing is a sorted snapshot of the names, "."
 * and ".." first, taken at OPENDIR and again when the guest reads from offset 0; an entry's offset is
 * its index + 1, the cookie for the next read. Entries removed since the snapshot are skipped.
 */
final class DirOps {
    /** fuse_dirent without its name: ino off namelen type. */
    static final int DIRENT = 24;
    /** fuse_entry_out before a fuse_direntplus' dirent. */
    static final int ENTRY_OUT = 128;

    private final FuseServer s;

    DirOps(FuseServer s) {
        this.s = s;
    }

    /** fuse_open_in {flags, open_flags}: fuse_open_out. */
    void opendir(Request r, FuseOut out) throws ErrnoException, IOException {
        r.in().u32();
        Path dir = s.tree.directory(s.nodes.path(r.nodeid()));
        long fh = s.handles.add(new DirHandle(ConfinedTree.listing(dir)));
        out.u64(fh).u32(0).u32(0);
    }

    /** fuse_read_in {fh, offset, size, ...}: fuse_dirent (or fuse_direntplus) records, each 8-aligned. */
    void readdir(Request r, FuseOut out, boolean plus) throws ErrnoException, IOException {
        FuseIn in = r.in();
        DirHandle d = s.handles.dir(in.u64());
        long offset = in.u64();
        long size = Integer.toUnsignedLong(in.u32());
        ConfinedPath rel = s.nodes.path(r.nodeid());
        Path dir = s.tree.directory(rel);
        if (offset == 0) {
            d.listing = ConfinedTree.listing(dir);
        }
        long budget = Math.min(size, r.room());
        for (long i = offset; i >= 0 && i < d.listing.size(); i++) {
            String name = d.listing.get((int) i);
            HostStat st = s.tree.entryStat(rel, dir, name);
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

    /** fuse_fsync_in {fh, ...}: directory changes are not buffered here; the handle must exist. */
    void fsyncdir(Request r) throws ErrnoException {
        s.handles.dir(r.in().u64());
    }

    /** fuse_release_in {fh, ...}. */
    void releasedir(Request r) throws ErrnoException {
        s.handles.release(r.in().u64(), true);
    }
}
