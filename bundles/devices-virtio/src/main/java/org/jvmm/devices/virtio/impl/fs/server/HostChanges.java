package org.jvmm.devices.virtio.impl.fs.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.jvmm.devices.virtio.impl.fs.fuse.Errno;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseException;

/** Attribute changes on host files; none follows a symlink. */
final class HostChanges {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private HostChanges() {
    }

    /** Sets the rwx bits of {@code mode} (set-id and sticky bits are not passed on); a no-op without POSIX. */
    static void chmod(Path p, int mode) throws IOException {
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

    /** truncate(2) through an open channel: shrinks, or grows sparsely. */
    static void resize(FileChannel ch, long size) throws FuseException, IOException {
        if (size < 0) {
            throw new FuseException(Errno.EINVAL, "negative size");
        }
        long now = ch.size();
        if (size < now) {
            ch.truncate(size);
        } else if (size > now) {
            ch.write(ByteBuffer.allocate(1), size - 1);
        }
    }

    /** Sets the access and/or modification time (null leaves one as it is). */
    static void times(Path p, FileTime atime, FileTime mtime) throws IOException {
        Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(mtime, atime, null);
    }

    /** chown(2) without following; EPERM where the host refuses or cannot change owners. */
    static void chown(Path p, String attribute, int id) throws FuseException, IOException {
        try {
            Files.setAttribute(p, "unix:" + attribute, id, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new FuseException(Errno.EPERM, "the host cannot change " + attribute);
        }
    }
}
