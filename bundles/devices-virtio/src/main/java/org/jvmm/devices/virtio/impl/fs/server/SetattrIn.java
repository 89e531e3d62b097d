package org.jvmm.devices.virtio.impl.fs.server;

import org.jvmm.devices.virtio.impl.fs.fuse.FuseIn;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;

/**
 * fuse_setattr_in: valid padding (u32), fh size lock_owner atime mtime ctime (u64), atimensec mtimensec
 * ctimensec mode unused uid gid unused (u32); {@code valid} says which fields count.
 */
record SetattrIn(int valid, long fh, long size, long atime, long mtime, int atimensec, int mtimensec, int mode,
        int uid, int gid) {
    static final int MODE = 1;
    static final int UID = 1 << 1;
    static final int GID = 1 << 2;
    static final int SIZE = 1 << 3;
    static final int ATIME = 1 << 4;
    static final int MTIME = 1 << 5;
    static final int FH = 1 << 6;
    static final int ATIME_NOW = 1 << 7;
    static final int MTIME_NOW = 1 << 8;
    static final int CHANGES = MODE | UID | GID | SIZE | ATIME | MTIME | ATIME_NOW | MTIME_NOW;

    static SetattrIn read(FuseIn in) throws ErrnoException {
        int valid = in.u32();
        in.u32();
        long fh = in.u64();
        long size = in.u64();
        in.u64();
        long atime = in.u64();
        long mtime = in.u64();
        in.u64();
        int atimensec = in.u32();
        int mtimensec = in.u32();
        in.u32();
        int mode = in.u32();
        in.u32();
        int uid = in.u32();
        int gid = in.u32();
        in.u32();
        return new SetattrIn(valid, (valid & FH) != 0 ? fh : 0, size, atime, mtime, atimensec, mtimensec, mode, uid, gid);
    }

    boolean has(int bit) {
        return (valid & bit) != 0;
    }

    /** Whether anything is to change (FH, LOCKOWNER, CTIME and KILL_SUIDGID alone change nothing here). */
    boolean changes() {
        return (valid & CHANGES) != 0;
    }
}
