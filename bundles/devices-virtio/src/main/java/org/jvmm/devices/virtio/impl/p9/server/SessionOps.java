package org.jvmm.devices.virtio.impl.p9.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedPath;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.p9.proto.P9Reader;
import org.jvmm.devices.virtio.impl.p9.proto.P9Type;
import org.jvmm.devices.virtio.impl.p9.proto.P9Writer;
import org.jvmm.devices.virtio.impl.p9.proto.Qid;

/** Tversion, Tattach, Twalk, Tclunk, Tflush. */
final class SessionOps {
    /** The smallest msize accepted: room for a walk of 16 names and small I/O. */
    static final int MIN_MSIZE = 512;

    private final Session s;

    SessionOps(Session s) {
        this.s = s;
    }

    /** Starts a new session: msize[4] version[s]; only "9P2000.L" is spoken, anything else gets "unknown". */
    void version(P9Reader in, P9Writer out) throws ErrnoException {
        long msize = Integer.toUnsignedLong(in.u32());
        String version = in.str();
        s.restart();
        if (msize < MIN_MSIZE) {
            throw new ErrnoException(Errno.EINVAL, "msize " + msize + " below " + MIN_MSIZE);
        }
        s.msize = (int) Math.min(msize, s.maxMsize);
        if (!P9Type.VERSION_L.equals(version)) {
            out.u32(s.msize).str("unknown");
            return;
        }
        s.negotiated = true;
        out.u32(s.msize).str(P9Type.VERSION_L);
    }

    /** fid[4] afid[4] uname[s] aname[s] n_uname[4]: every attach gets the export root (aname is ignored). */
    void attach(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        int fid = in.u32();
        in.u32();
        in.str();
        in.str();
        in.u32();
        Qid qid = s.qid(s.tree.root(), ConfinedPath.ROOT);
        s.fids.add(fid, ConfinedPath.ROOT);
        qid.write(out);
    }

    /**
     * fid[4] newfid[4] nwname[2] wname[s]*: descends name by name. ".." goes to the parent and stays at
     * the root there; a symlink is never descended through (ENOTDIR). A failure at the first name is an
     * error; a later one returns the qids so far and leaves newfid unused.
     */
    void walk(P9Reader in, P9Writer out) throws ErrnoException, IOException {
        int fid = in.u32();
        int newfid = in.u32();
        int n = in.u16();
        if (n > P9Type.MAX_WALK) {
            throw new ErrnoException(Errno.EINVAL, "walk of " + n + " names");
        }
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(in.str());
        }
        Fid from = s.fids.get(fid);
        if (newfid != fid && (newfid == P9Type.NOFID || s.fids.contains(newfid))) {
            throw new ErrnoException(Errno.EBADF, "newfid in use or NOFID");
        }
        List<Qid> qids = new ArrayList<>(n);
        ConfinedPath cur = from.path;
        for (String name : names) {
            try {
                Step step = step(cur, name);
                qids.add(step.qid());
                cur = step.path();
            } catch (ErrnoException | IOException e) {
                if (qids.isEmpty()) {
                    throw e;
                }
                break;
            }
        }
        if (qids.size() == n) {
            if (newfid == fid) {
                from.path = cur;
            } else {
                s.fids.add(newfid, cur);
            }
        }
        out.u16(qids.size());
        for (Qid q : qids) {
            q.write(out);
        }
    }

    private record Step(ConfinedPath path, Qid qid) {
    }

    private Step step(ConfinedPath cur, String name) throws ErrnoException, IOException {
        Path dir = s.tree.directory(cur);
        if (name.equals("..")) {
            ConfinedPath up = cur.parent();
            return new Step(up, s.qid(s.tree.directory(up), up));
        }
        if (name.equals(".")) {
            return new Step(cur, s.qid(dir, cur));
        }
        Path child = s.tree.child(dir, name);
        ConfinedPath next = cur.child(name);
        return new Step(next, s.qid(child, next));
    }

    /** fid[4]: forgets the fid; a host close error is EIO (the fid is gone either way). */
    void clunk(P9Reader in, P9Writer out) throws ErrnoException {
        if (s.fids.clunk(in.u32())) {
            throw new ErrnoException(Errno.EIO, "close failed");
        }
    }

    /** oldtag[2]: requests are answered in order, so the old one is already done. */
    void flush(P9Reader in, P9Writer out) throws ErrnoException {
        in.u16();
    }
}
