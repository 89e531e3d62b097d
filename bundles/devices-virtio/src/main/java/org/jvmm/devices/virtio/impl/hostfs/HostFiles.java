package org.jvmm.devices.virtio.impl.hostfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Attribute changes on host files that the file servers share; none follows a symlink. */
public final class HostFiles {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private HostFiles() {
    }

    /** Sets the rwx bits of {@code mode} (set-id and sticky bits are not passed on); a no-op without POSIX. */
    public static void chmod(Path p, int mode) throws IOException {
        PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (v == null) {
            return;
        }
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((mode & 1 << i) != 0) {
                perms.add(BITS[i]);
            }
        }
        v.setPermissions(perms);
    }

    /** truncate(2) of a regular file to {@code size}, shrinking or growing (sparse). */
    public static void resize(Path p, long size) throws ErrnoException, IOException {
        checkSize(size);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            resize(ch, size);
        }
    }

    /** truncate(2) through an open channel: shrinks, or grows sparsely. */
    public static void resize(FileChannel ch, long size) throws ErrnoException, IOException {
        checkSize(size);
        long now = ch.size();
        if (size < now) {
            ch.truncate(size);
        } else if (size > now) {
            ch.write(ByteBuffer.allocate(1), size - 1);
        }
    }

    private static void checkSize(long size) throws ErrnoException {
        if (size < 0) {
            throw new ErrnoException(Errno.EINVAL, "negative size");
        }
    }

    /** Sets the access and/or modification time (null leaves one as it is). */
    public static void times(Path p, FileTime atime, FileTime mtime) throws IOException {
        Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(mtime, atime, null);
    }

    /** chown(2) without following; EPERM where the host refuses or cannot change owners. */
    public static void chown(Path p, String attribute, int id) throws ErrnoException, IOException {
        try {
            Files.setAttribute(p, "unix:" + attribute, id, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new ErrnoException(Errno.EPERM, "the host cannot change " + attribute);
        }
    }
}
