package org.jvmm.devices.virtio.impl.fs.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseOut;

/**
 * lstat(2) of a host file (a final symlink is never followed), through the JDK's {@code unix} view
 * where it exists, else synthesised from the basic attributes; written as fuse_attr (88 bytes).
 */
record FsStat(long ino, int mode, int nlink, int uid, int gid, long rdev, long size, FileTime atime, FileTime mtime,
        FileTime ctime) {
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;
    static final int BLKSIZE = 4096;
    private static final String UNIX = "unix:ino,mode,nlink,uid,gid,rdev,size,lastAccessTime,lastModifiedTime,ctime";
    private static volatile boolean unixView = true;

    boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    boolean isRegular() {
        return (mode & S_IFMT) == S_IFREG;
    }

    boolean isSymlink() {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /** The dirent type (DT_*): the mode's file type bits. */
    int direntType() {
        return mode >>> 12 & 0xF;
    }

    /** This stat with another size and no links: a file unlinked while open. */
    FsStat unlinked(long currentSize) {
        return new FsStat(ino, mode, 0, uid, gid, rdev, currentSize, atime, mtime, ctime);
    }

    static FsStat lstat(Path p) throws IOException {
        if (unixView) {
            try {
                Map<String, Object> a = Files.readAttributes(p, UNIX, LinkOption.NOFOLLOW_LINKS);
                return new FsStat((Long) a.get("ino"), (Integer) a.get("mode"), ((Number) a.get("nlink")).intValue(),
                        (Integer) a.get("uid"), (Integer) a.get("gid"), (Long) a.get("rdev"), (Long) a.get("size"),
                        (FileTime) a.get("lastAccessTime"), (FileTime) a.get("lastModifiedTime"),
                        (FileTime) a.get("ctime"));
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                unixView = false;
            }
        }
        BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int mode = b.isDirectory() ? S_IFDIR | 0755 : b.isSymbolicLink() ? S_IFLNK | 0777 : S_IFREG | 0644;
        return new FsStat(0, mode, 1, 0, 0, 0, b.size(), b.lastAccessTime(), b.lastModifiedTime(), b.lastModifiedTime());
    }

    /** fuse_attr: ino size blocks atime mtime ctime (u64), their nsecs, mode nlink uid gid rdev blksize flags (u32). */
    void write(FuseOut out, long ino) {
        out.u64(ino).u64(size).u64((size + 511) / 512);
        out.u64(seconds(atime)).u64(seconds(mtime)).u64(seconds(ctime));
        out.u32(nanos(atime)).u32(nanos(mtime)).u32(nanos(ctime));
        out.u32(mode).u32(nlink).u32(uid).u32(gid).u32((int) rdev).u32(BLKSIZE).u32(0);
    }

    private static long seconds(FileTime t) {
        return t.to(TimeUnit.SECONDS);
    }

    private static int nanos(FileTime t) {
        return (int) Math.floorMod(t.to(TimeUnit.NANOSECONDS), 1_000_000_000L);
    }
}
