package org.jvmm.devices.virtio.impl.hostfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared host directory and the only way a file server turns a {@link ConfinedPath} into a host path.
 *
 * <p>Confinement: every name is checked (not empty, ".", "..", no '/' or NUL, no '\' where the host
 * separates with it, at most 255 bytes), so a path is always the root followed by plain names; before
 * each use, every component above the target is checked with lstat to be a real directory, not a
 * symlink, so no symlink is ever traversed, even one put in place after the path was resolved (a
 * rename). The target itself is never followed either: callers use NOFOLLOW_LINKS or operate on the
 * link. A server handles one request at a time, so the guest cannot race a check against its use; only
 * host processes changing the directory concurrently could.
 */
public final class ConfinedTree {
    public static final int NAME_MAX = 255;
    /** At most this many host entries of one directory are listed. */
    public static final int MAX_ENTRIES = 1 << 20;

    private final Path root;
    private final boolean backslashSeparates;

    /** @param root the shared root, already a real (canonical, symlink-free) absolute path */
    public ConfinedTree(Path root) {
        this.root = root;
        this.backslashSeparates = "\\".equals(root.getFileSystem().getSeparator());
    }

    /**
     * The tree of {@code root}, resolved to its real path now.
     *
     * @throws NoSuchFileException   if it does not exist
     * @throws NotDirectoryException if it is not a directory
     */
    public static ConfinedTree open(Path root) throws IOException {
        Path real = root.toRealPath();
        if (!HostStat.lstat(real).isDirectory()) {
            throw new NotDirectoryException(root.toString());
        }
        return new ConfinedTree(real);
    }

    /** Why the shared directory {@code path} cannot be opened, in one line for a configuration error. */
    public static String openProblem(String path, Exception e) {
        return switch (e) {
            case NoSuchFileException x -> "path " + path + " does not exist";
            case NotDirectoryException x -> "path " + path + " is not a directory";
            default -> "path " + path + ": " + e.getMessage();
        };
    }

    public Path root() {
        return root;
    }

    /** Checks a name the guest sent for a directory entry. */
    public String checkName(String name) throws ErrnoException {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new ErrnoException(Errno.EINVAL, "invalid name '" + name + "'");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || backslashSeparates && name.indexOf('\\') >= 0) {
            throw new ErrnoException(Errno.EINVAL, "name contains a separator or NUL");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw new ErrnoException(Errno.ENAMETOOLONG, "name longer than 255 bytes");
        }
        return name;
    }

    /** The host path of {@code rel}; every component above it is a real directory. Not followed. */
    public Path entry(ConfinedPath rel) throws ErrnoException, IOException {
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
    public Path directory(ConfinedPath rel) throws ErrnoException, IOException {
        Path p = entry(rel);
        requireDirectory(p);
        return p;
    }

    /** {@code dir/name} for a checked name; refuses anything the host would not resolve to a direct child. */
    public Path child(Path dir, String name) throws ErrnoException {
        checkName(name);
        Path c;
        try {
            c = dir.resolve(name);
        } catch (InvalidPathException e) {
            throw new ErrnoException(Errno.EINVAL, "name not valid on the host");
        }
        if (!dir.equals(c.getParent()) || c.getFileName() == null || !c.getFileName().toString().equals(name)) {
            throw new ErrnoException(Errno.EINVAL, "name does not resolve to a direct child");
        }
        return c;
    }

    /** A snapshot of the names in {@code dir}: "." and "..", then at most {@link #MAX_ENTRIES} host names, sorted. */
    public static List<String> listing(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (names.size() >= MAX_ENTRIES) {
                    break;
                }
                names.add(p.getFileName().toString());
            }
        }
        names.sort(null);
        names.addAll(0, List.of(".", ".."));
        return names;
    }

    /**
     * The lstat of the listed entry {@code name} of {@code dir}, the host path of {@code rel}; null when it
     * disappeared or has a name the guest cannot use.
     */
    public HostStat entryStat(ConfinedPath rel, Path dir, String name) throws IOException {
        try {
            return switch (name) {
                case "." -> HostStat.lstat(dir);
                case ".." -> HostStat.lstat(rel.isRoot() ? dir : directory(rel.parent()));
                default -> HostStat.lstat(child(dir, name));
            };
        } catch (NoSuchFileException | ErrnoException e) {
            return null;
        }
    }

    private static void requireDirectory(Path p) throws ErrnoException, IOException {
        HostStat st;
        try {
            st = HostStat.lstat(p);
        } catch (NoSuchFileException e) {
            throw new ErrnoException(Errno.ENOENT, "no such directory");
        }
        if (!st.isDirectory()) {
            throw new ErrnoException(Errno.ENOTDIR, "not a directory (or a symlink, which is never followed)");
        }
    }
}
