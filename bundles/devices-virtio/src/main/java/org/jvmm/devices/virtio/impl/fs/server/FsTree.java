package org.jvmm.devices.virtio.impl.fs.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jvmm.devices.virtio.impl.fs.fuse.Errno;
import org.jvmm.devices.virtio.impl.fs.fuse.FuseException;

/**
 * The shared host directory, and the only place an {@link FsPath} becomes a host path. Every name is
 * checked (not empty, ".", "..", no '/', NUL or host separator, at most 255 bytes), so a host path is
 * always the root followed by plain names; each component above the target is checked with lstat to be
 * a real directory (never a symlink) before every use, and the target itself is never followed: callers
 * use NOFOLLOW_LINKS or act on the link. Requests run one at a time, so the guest cannot race a check
 * against its use.
 */
final class FsTree {
    static final int NAME_MAX = 255;

    private final Path root;
    private final boolean backslashSeparates;

    /** @param root a real (canonical, symlink-free) absolute directory */
    FsTree(Path root) {
        this.root = root;
        this.backslashSeparates = "\\".equals(root.getFileSystem().getSeparator());
    }

    Path root() {
        return root;
    }

    /** Checks a name the guest sent. */
    String checkName(String name) throws FuseException {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new FuseException(Errno.EINVAL, "invalid name '" + name + "'");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || backslashSeparates && name.indexOf('\\') >= 0) {
            throw new FuseException(Errno.EINVAL, "name contains a separator or NUL");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw new FuseException(Errno.ENAMETOOLONG, "name longer than 255 bytes");
        }
        return name;
    }

    /** The host path of {@code rel}, every component above it a real directory; the target not followed. */
    Path entry(FsPath rel) throws FuseException, IOException {
        Path p = root;
        for (int i = 0; i < rel.depth(); i++) {
            if (i > 0) {
                requireDirectory(p);
            }
            p = child(p, rel.names().get(i));
        }
        return p;
    }

    /** The host path of {@code rel}, which must itself be a real directory. */
    Path directory(FsPath rel) throws FuseException, IOException {
        Path p = entry(rel);
        requireDirectory(p);
        return p;
    }

    /** {@code dir/name} for a checked name that the host resolves to a direct child. */
    Path child(Path dir, String name) throws FuseException {
        checkName(name);
        Path c;
        try {
            c = dir.resolve(name);
        } catch (InvalidPathException e) {
            throw new FuseException(Errno.EINVAL, "name not valid on the host");
        }
        if (!dir.equals(c.getParent()) || c.getFileName() == null || !c.getFileName().toString().equals(name)) {
            throw new FuseException(Errno.EINVAL, "name does not resolve to a direct child");
        }
        return c;
    }

    private static void requireDirectory(Path p) throws FuseException, IOException {
        FsStat st;
        try {
            st = FsStat.lstat(p);
        } catch (NoSuchFileException e) {
            throw new FuseException(Errno.ENOENT, "no such directory");
        }
        if (!st.isDirectory()) {
            throw new FuseException(Errno.ENOTDIR, "not a directory (symlinks are never followed)");
        }
    }
}
