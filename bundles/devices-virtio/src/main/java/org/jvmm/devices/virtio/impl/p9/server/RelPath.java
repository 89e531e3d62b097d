package org.jvmm.devices.virtio.impl.p9.server;

import java.util.ArrayList;
import java.util.List;

/**
 * A path below the export root as a list of checked names (never empty, ".", ".." or containing a
 * separator): what a fid refers to. The empty list is the root.
 */
record RelPath(List<String> names) {
    static final RelPath ROOT = new RelPath(List.of());

    RelPath {
        names = List.copyOf(names);
    }

    boolean isRoot() {
        return names.isEmpty();
    }

    int depth() {
        return names.size();
    }

    String last() {
        return names.getLast();
    }

    RelPath child(String name) {
        List<String> n = new ArrayList<>(names);
        n.add(name);
        return new RelPath(n);
    }

    /** The parent; the root is its own parent (".." at the root stays there). */
    RelPath parent() {
        return isRoot() ? this : new RelPath(names.subList(0, names.size() - 1));
    }

    boolean startsWith(RelPath prefix) {
        return prefix.depth() <= depth() && names.subList(0, prefix.depth()).equals(prefix.names);
    }

    /** This path with its prefix {@code from} replaced by {@code to} (after a rename). */
    RelPath rebase(RelPath from, RelPath to) {
        List<String> n = new ArrayList<>(to.names);
        n.addAll(names.subList(from.depth(), depth()));
        return new RelPath(n);
    }

    @Override
    public String toString() {
        return "/" + String.join("/", names);
    }
}
