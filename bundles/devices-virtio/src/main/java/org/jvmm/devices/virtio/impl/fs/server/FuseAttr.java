package org.jvmm.devices.virtio.impl.fs.server;

import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOut;
import org.jvmm.devices.virtio.impl.hostfs.HostStat;

/** A host file's lstat written as fuse_attr (88 bytes). */
final class FuseAttr {
    static final int BLKSIZE = 4096;

    private FuseAttr() {
    }

    /** fuse_attr: ino size blocks atime mtime ctime (u64), their nsecs, mode nlink uid gid rdev blksize flags (u32). */
    static void write(FuseOut out, HostStat st, long ino) {
        out.u64(ino).u64(st.size()).u64((st.size() + 511) / 512);
        out.u64(seconds(st.atime())).u64(seconds(st.mtime())).u64(seconds(st.ctime()));
        out.u32(nanos(st.atime())).u32(nanos(st.mtime())).u32(nanos(st.ctime()));
        out.u32(st.mode()).u32((int) st.nlink()).u32(st.uid()).u32(st.gid()).u32((int) st.rdev()).u32(BLKSIZE).u32(0);
    }

    private static long seconds(FileTime t) {
        return t.to(TimeUnit.SECONDS);
    }

    private static int nanos(FileTime t) {
        return (int) Math.floorMod(t.to(TimeUnit.NANOSECONDS), 1_000_000_000L);
    }
}
