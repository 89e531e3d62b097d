package org.jvmm.devices.virtio.impl.p9.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedPath;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;
import org.jvmm.devices.virtio.impl.p9.proto.P9Type;

/** The fids of one session (from Tversion to the next, or a device reset), bounded in number and open files. */
final class FidTable {
    private final int maxFids;
    private final int maxOpenFiles;
    private final Map<Integer, Fid> fids = new HashMap<>();
    private int openFiles;
    private long closeFailures;

    FidTable(int maxFids, int maxOpenFiles) {
        this.maxFids = maxFids;
        this.maxOpenFiles = maxOpenFiles;
    }

    Fid get(int fid) throws ErrnoException {
        Fid f = fids.get(fid);
        if (f == null) {
            throw new ErrnoException(Errno.EBADF, "unknown fid " + Integer.toUnsignedString(fid));
        }
        return f;
    }

    boolean contains(int fid) {
        return fids.containsKey(fid);
    }

    /** Adds {@code fid} for {@code path}; it must be new, not NOFID, and the table not full. */
    Fid add(int fid, ConfinedPath path) throws ErrnoException {
        if (fid == P9Type.NOFID || fids.containsKey(fid)) {
            throw new ErrnoException(Errno.EBADF, "fid " + Integer.toUnsignedString(fid) + " in use or NOFID");
        }
        if (fids.size() >= maxFids) {
            throw new ErrnoException(Errno.EMFILE, "too many fids");
        }
        Fid f = new Fid(path);
        fids.put(fid, f);
        return f;
    }

    /** Makes {@code f} an open file on {@code channel}, or closes the channel and fails when too many are open. */
    void open(Fid f, FileChannel channel, boolean readable, boolean writable, boolean append) throws ErrnoException {
        if (openFiles >= maxOpenFiles) {
            closeQuietly(channel);
            throw new ErrnoException(Errno.EMFILE, "too many open files");
        }
        openFiles++;
        f.channel = channel;
        f.readable = readable;
        f.writable = writable;
        f.append = append;
    }

    /** Forgets {@code fid}, closing what it had open; returns whether closing reported an error. */
    boolean clunk(int fid) throws ErrnoException {
        Fid f = get(fid);
        fids.remove(fid);
        return close(f);
    }

    /** After a rename: every fid at or below {@code from} now names the same file under {@code to}. */
    void rebase(ConfinedPath from, ConfinedPath to) {
        for (Fid f : fids.values()) {
            if (f.path.startsWith(from)) {
                f.path = f.path.rebase(from, to);
            }
        }
    }

    /** Clunks every fid (new session or device reset). */
    void clear() {
        List<Fid> all = new ArrayList<>(fids.values());
        fids.clear();
        all.forEach(this::close);
    }

    int size() {
        return fids.size();
    }

    int openFiles() {
        return openFiles;
    }

    /** Fids with a file or directory open. */
    int openFids() {
        return (int) fids.values().stream().filter(Fid::isOpen).count();
    }

    /** Every fid and its path, for a snapshot (none may be open). */
    List<P9Session.Fid> saved() {
        List<P9Session.Fid> out = new ArrayList<>();
        fids.forEach((id, f) -> out.add(new P9Session.Fid(id, f.path.names())));
        return out;
    }

    /** Replaces every fid with saved ones (none open). */
    void restore(List<P9Session.Fid> saved) {
        clear();
        for (P9Session.Fid f : saved) {
            fids.put(f.fid(), new Fid(new ConfinedPath(f.path())));
        }
    }

    private boolean close(Fid f) {
        f.listing = null;
        f.directoryOpen = false;
        f.openStat = null;
        if (f.channel == null) {
            return false;
        }
        openFiles--;
        boolean failed = !closeQuietly(f.channel);
        f.channel = null;
        return failed;
    }

    /** Host close(2) failures so far (counted for inspect; the guest sees EIO where a clunk caused one). */
    long closeFailures() {
        return closeFailures;
    }

    private boolean closeQuietly(FileChannel c) {
        try {
            c.close();
            return true;
        } catch (IOException e) {
            closeFailures++;
            return false;
        }
    }
}
