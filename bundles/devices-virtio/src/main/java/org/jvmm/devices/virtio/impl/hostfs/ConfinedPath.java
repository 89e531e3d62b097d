package org.jvmm.devices.virtio.impl.hostfs;

import java.util.ArrayList;
import java.util.List;

/**
 * A path below the root of a {@link ConfinedTree} as a list of checked names (never empty, ".", ".." or containing a
 * separator): what a 9P fid or a FUSE node stands for. The empty list is the root.
 */
public record ConfinedPath(List<String> names) {
    public static final ConfinedPath ROOT = new ConfinedPath(List.of());

    public ConfinedPath {
        names = List.copyOf(names);
    }

    public boolean isRoot() {
        return names.isEmpty();
    }

    public int depth() {
        return names.size();
    }

    public String last() {
        return names.getLast();
    }

    public ConfinedPath child(String name) {
        List<String> n = new ArrayList<>(names);
        n.add(name);
        return new ConfinedPath(n);
    }

    /** The parent; the root is its own parent (".." at the root stays there). */
    public ConfinedPath parent() {
        return isRoot() ? this : new ConfinedPath(names.subList(0, names.size() - 1));
    }

    public boolean startsWith(ConfinedPath prefix) {
        return prefix.depth() <= depth() && names.subList(0, prefix.depth()).equals(prefix.names);
    }

    /** This path with its prefix {@code from} replaced by {@code to} (after a rename). */
    public ConfinedPath rebase(ConfinedPath from, ConfinedPath to) {
        List<String> n = new ArrayList<>(to.names);
        n.addAll(names.subList(from.depth(), depth()));
        return new ConfinedPath(n);
    }

    @Override
    public String toString() {
        return "/" + String.join("/", names);
    }
}
