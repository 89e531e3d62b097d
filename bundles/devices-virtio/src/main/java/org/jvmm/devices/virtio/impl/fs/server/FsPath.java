package org.jvmm.devices.virtio.impl.fs.server;

import java.util.ArrayList;
import java.util.List;

/**
 * A path below the shared root as checked names (never empty, ".", ".." or containing '/' or NUL): what
 * a FUSE node stands for. The empty list is the root.
 */
record FsPath(List<String> names) {
    static final FsPath ROOT = new FsPath(List.of());

    FsPath {
        names = List.copyOf(names);
    }

    boolean isRoot() {
        return names.isEmpty();
    }

    int depth() {
        return names.size();
    }

    FsPath child(String name) {
        List<String> n = new ArrayList<>(names);
        n.add(name);
        return new FsPath(n);
    }

    /** The parent; the root is its own parent. */
    FsPath parent() {
        return isRoot() ? this : new FsPath(names.subList(0, names.size() - 1));
    }

    boolean startsWith(FsPath prefix) {
        return prefix.depth() <= depth() && names.subList(0, prefix.depth()).equals(prefix.names);
    }

    /** This path with its prefix {@code from} replaced by {@code to}. */
    FsPath rebase(FsPath from, FsPath to) {
        List<String> n = new ArrayList<>(to.names);
        n.addAll(names.subList(from.depth(), depth()));
        return new FsPath(n);
    }

    @Override
    public String toString() {
        return "/" + String.join("/", names);
    }
}
