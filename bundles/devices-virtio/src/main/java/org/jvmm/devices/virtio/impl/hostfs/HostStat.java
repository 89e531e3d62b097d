package org.jvmm.devices.virtio.impl.hostfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What lstat(2) says about a host file, never following a final symlink. Read through the JDK's
 * {@code unix} attribute view where it exists (Linux, macOS); elsewhere synthesised from the basic
 * attributes (type, size, times; inode 0).
 */
public record HostStat(long dev, long ino, int mode, long nlink, int uid, int gid, long rdev, long size, FileTime atime,
        FileTime mtime, FileTime ctime, FileTime btime) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;
    private static final String UNIX_ATTRIBUTES =
            "unix:dev,ino,mode,nlink,uid,gid,rdev,size,lastAccessTime,lastModifiedTime,ctime,creationTime";
    private static volatile boolean unixView = true;

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isRegular() {
        return (mode & S_IFMT) == S_IFREG;
    }

    public boolean isSymlink() {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /** The dirent type (DT_*): the mode's file type bits. */
    public int direntType() {
        return mode >>> 12 & 0xF;
    }

    /** This stat for a file unlinked while open: its current size and no links. */
    public HostStat unlinked(long currentSize) {
        return new HostStat(dev, ino, mode, 0, uid, gid, rdev, currentSize, atime, mtime, ctime, btime);
    }

    public static HostStat lstat(Path p) throws IOException {
        if (unixView) {
            try {
                return fromUnix(Files.readAttributes(p, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS));
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                unixView = false;
            }
        }
        return fromBasic(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    private static HostStat fromUnix(Map<String, Object> a) {
        return new HostStat((Long) a.get("dev"), (Long) a.get("ino"), (Integer) a.get("mode"),
                ((Number) a.get("nlink")).longValue(), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("rdev"), (Long) a.get("size"), (FileTime) a.get("lastAccessTime"),
                (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("ctime"), (FileTime) a.get("creationTime"));
    }

    private static HostStat fromBasic(BasicFileAttributes b) {
        int mode = b.isDirectory() ? S_IFDIR | 0755 : b.isSymbolicLink() ? S_IFLNK | 0777 : S_IFREG | 0644;
        return new HostStat(0, 0, mode, 1, 0, 0, 0, b.size(), b.lastAccessTime(), b.lastModifiedTime(),
                b.lastModifiedTime(), b.creationTime());
    }
}
