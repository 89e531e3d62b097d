package org.jvmm.devices.virtio.impl.p9.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jvmm.devices.virtio.impl.p9.proto.Errno;
import org.jvmm.devices.virtio.impl.p9.proto.P9Exception;

/**
 * The exported host directory and the only way the server turns a {@link RelPath} into a host path.
 *
 * <p>Confinement: every name is checked (not empty, ".", "..", no '/' or NUL, no '\' where
 * the host separates with it, at most 255 bytes),
 * so a path is always the root followed by plain names; before each use, every component above the
 * target is checked with lstat to be a real directory, not a symlink, so no symlink is ever traversed,
 * even one put in place after the fid was walked (a rename). The target itself is never followed
 * either: callers use NOFOLLOW_LINKS or operate on the link. The server handles one request at a time,
 * so the guest cannot race a check against its use; only host processes changing the directory
 * concurrently could.
 */
final class ConfinedTree {
    static final int NAME_MAX = 255;

    private final Path root;
    private final boolean backslashSeparates;

    /** @param root the export root, already a real (canonical, symlink-free) absolute path */
    ConfinedTree(Path root) {
        this.root = root;
        this.backslashSeparates = "\\".equals(root.getFileSystem().getSeparator());
    }

    Path root() {
        return root;
    }

    /** Checks a name the guest sent for a directory entry. */
    static String checkName(String name) throws P9Exception {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new P9Exception(Errno.EINVAL, "invalid name '" + name + "'");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new P9Exception(Errno.EINVAL, "name contains a separator or NUL");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw new P9Exception(Errno.ENAMETOOLONG, "name longer than 255 bytes");
        }
        return name;
    }

    /** The host path of {@code rel}; every component above it is a real directory. Not followed. */
    Path entry(RelPath rel) throws P9Exception, IOException {
        Path p = root;
        for (int i = 0; i < rel.depth(); i++) {
            if (i > 0) {
                requireDirectory(p);
            }
            p = child(p, rel.names().get(i));
        }
        return p;
    }

    /** The host path of {@code rel}, which must itself be a real directory too. */
    Path directory(RelPath rel) throws P9Exception, IOException {
        Path p = entry(rel);
        requireDirectory(p);
        return p;
    }

    /** {@code dir/name} for a checked name; refuses anything the host would not resolve to a direct child. */
    Path child(Path dir, String name) throws P9Exception {
        checkName(name);
        if (backslashSeparates && name.indexOf('\\') >= 0) {
            throw new P9Exception(Errno.EINVAL, "name contains the host's separator");
        }
        Path c;
        try {
            c = dir.resolve(name);
        } catch (InvalidPathException e) {
            throw new P9Exception(Errno.EINVAL, "name not valid on the host");
        }
        if (!dir.equals(c.getParent()) || c.getFileName() == null || !c.getFileName().toString().equals(name)) {
            throw new P9Exception(Errno.EINVAL, "name does not resolve to a direct child");
        }
        return c;
    }

    private static void requireDirectory(Path p) throws P9Exception, IOException {
        HostStat st;
        try {
            st = HostStat.lstat(p);
        } catch (NoSuchFileException e) {
            throw new P9Exception(Errno.ENOENT, "no such directory");
        }
        if (!st.isDirectory()) {
            throw new P9Exception(Errno.ENOTDIR, "not a directory (or a symlink, which is never followed)");
        }
    }
}
