package org.jvmm.devices.virtio.impl.p9.server;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedPath;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedTree;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;
import org.jvmm.devices.virtio.impl.p9.proto.Qid;

/** What every operation shares: the confined tree, the fids, the negotiated msize and the export mode. */
final class Session {
    final ConfinedTree tree;
    final QidMapper qids;
    final FidTable fids;
    final boolean readOnly;
    final int maxMsize;
    int msize;
    boolean negotiated;

    Session(ConfinedTree tree, QidMapper qids, FidTable fids, boolean readOnly, int maxMsize) {
        this.tree = tree;
        this.qids = qids;
        this.fids = fids;
        this.readOnly = readOnly;
        this.maxMsize = maxMsize;
        this.msize = maxMsize;
    }

    /** Fails with EROFS on a read-only export. */
    void requireWritable() throws ErrnoException {
        if (readOnly) {
            throw new ErrnoException(Errno.EROFS, "read-only export");
        }
    }

    /** lstat of a host path that must exist (ENOENT otherwise). */
    static HostStat stat(Path p) throws ErrnoException, IOException {
        try {
            return HostStat.lstat(p);
        } catch (NoSuchFileException e) {
            throw new ErrnoException(Errno.ENOENT, "no such file");
        }
    }

    Qid qid(HostStat st, ConfinedPath rel) {
        return qids.qid(st, rel);
    }

    Qid qid(Path host, ConfinedPath rel) throws ErrnoException, IOException {
        return qids.qid(stat(host), rel);
    }

    /** The session for a snapshot; call with no fid open. */
    P9Session saved() {
        return new P9Session(negotiated, msize, fids.saved(), qids.saved());
    }

    /** Replaces the session with a saved one; an msize out of range falls back to the maximum. */
    void restore(P9Session s) {
        fids.restore(s.fids());
        qids.restore(s.devices());
        negotiated = s.negotiated();
        msize = s.msize() >= SessionOps.MIN_MSIZE && s.msize() <= maxMsize ? s.msize() : maxMsize;
    }

    /** Forgets every fid and the negotiated version (Tversion, device reset). */
    void restart() {
        fids.clear();
        negotiated = false;
        msize = maxMsize;
    }
}
