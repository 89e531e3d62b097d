package org.jvmm.devices.virtio.impl.fs.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jvmm.devices.virtio.impl.hostfs.ConfinedPath;
import org.jvmm.devices.virtio.impl.hostfs.Errno;
import org.jvmm.devices.virtio.impl.hostfs.ErrnoException;

/**
 * FUSE node ids and the confined paths they stand for, with the kernel's lookup counts. Node 1 is the
 * root and is never forgotten; ids are never reused, so a stale id can only miss. One node per path:
 * looking up the same path again returns the same id. A node whose file was removed (or replaced by a
 * rename) is detached: it keeps its id until forgotten but no longer names a path.
 */
final class NodeTable {
    static final long ROOT_ID = 1;
    /** The most nodes the guest may hold (bounds host memory; the kernel forgets under pressure). */
    static final int MAX_NODES = 1 << 20;

    /** A node: its path (null once detached) and the number of lookups the kernel has not forgotten. */
    static final class Node {
        final long id;
        ConfinedPath path;
        long lookups;

        Node(long id, ConfinedPath path) {
            this.id = id;
            this.path = path;
        }
    }

    private final Map<Long, Node> byId = new HashMap<>();
    private final Map<ConfinedPath, Node> byPath = new HashMap<>();
    private long nextId;

    NodeTable() {
        clear();
    }

    void clear() {
        byId.clear();
        byPath.clear();
        Node root = new Node(ROOT_ID, ConfinedPath.ROOT);
        byId.put(ROOT_ID, root);
        byPath.put(ConfinedPath.ROOT, root);
        nextId = ROOT_ID + 1;
    }

    int size() {
        return byId.size();
    }

    long nextId() {
        return nextId;
    }

    /** Every node but the root (whose id and path never change), for a snapshot. */
    List<FuseSession.Node> saved() {
        List<FuseSession.Node> out = new ArrayList<>();
        for (Node n : byId.values()) {
            if (n.id != ROOT_ID) {
                out.add(new FuseSession.Node(n.id, n.path == null ? null : n.path.names(), n.lookups));
            }
        }
        return out;
    }

    /** Replaces the table with saved nodes (the root stays). */
    void restore(long savedNextId, List<FuseSession.Node> nodes) {
        clear();
        for (FuseSession.Node s : nodes) {
            if (s.id() == ROOT_ID) {
                continue;
            }
            Node n = new Node(s.id(), s.path() == null ? null : new ConfinedPath(s.path()));
            n.lookups = s.lookups();
            byId.put(n.id, n);
            if (n.path != null) {
                byPath.put(n.path, n);
            }
        }
        nextId = Math.max(savedNextId, ROOT_ID + 1);
    }

    /** The path of node {@code id}; ESTALE-like ENOENT for unknown or detached nodes. */
    ConfinedPath path(long id) throws ErrnoException {
        Node n = byId.get(id);
        if (n == null) {
            throw new ErrnoException(Errno.ENOENT, "unknown node " + id);
        }
        if (n.path == null) {
            throw new ErrnoException(Errno.ENOENT, "node " + id + " was removed");
        }
        return n.path;
    }

    boolean known(long id) {
        return byId.containsKey(id);
    }

    /** The node for {@code path} with one more lookup (created when new). */
    long lookup(ConfinedPath path) throws ErrnoException {
        Node n = byPath.get(path);
        if (n == null) {
            if (byId.size() >= MAX_NODES) {
                throw new ErrnoException(Errno.ENFILE, "too many nodes");
            }
            n = new Node(nextId++, path);
            byId.put(n.id, n);
            byPath.put(path, n);
        }
        n.lookups++;
        return n.id;
    }

    /** Drops {@code count} lookups of {@code id}; the node goes when none are left (never the root). */
    void forget(long id, long count) {
        Node n = byId.get(id);
        if (n == null || id == ROOT_ID) {
            return;
        }
        n.lookups = Long.compareUnsigned(count, n.lookups) >= 0 ? 0 : n.lookups - count;
        if (n.lookups == 0) {
            byId.remove(id);
            if (n.path != null) {
                byPath.remove(n.path, n);
            }
        }
    }

    /** The file at {@code path} was removed: its node (if any) no longer names it. */
    void detach(ConfinedPath path) {
        Node n = byPath.remove(path);
        if (n != null) {
            n.path = null;
        }
    }

    /** Like {@link #detach} for {@code path} and every node below it. */
    private void detachTree(ConfinedPath path) {
        for (Iterator<Map.Entry<ConfinedPath, Node>> it = byPath.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ConfinedPath, Node> e = it.next();
            if (e.getKey().startsWith(path)) {
                e.getValue().path = null;
                it.remove();
            }
        }
    }

    /**
     * The host renamed {@code from} to {@code to} (so neither lies below the other): what was at
     * {@code to} is detached, the nodes at and below {@code from} move.
     */
    void rename(ConfinedPath from, ConfinedPath to) {
        if (from.equals(to)) {
            return;
        }
        detachTree(to);
        Map<ConfinedPath, Node> moved = new HashMap<>();
        for (Iterator<Map.Entry<ConfinedPath, Node>> it = byPath.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ConfinedPath, Node> e = it.next();
            if (e.getKey().startsWith(from)) {
                ConfinedPath np = e.getKey().rebase(from, to);
                e.getValue().path = np;
                moved.put(np, e.getValue());
                it.remove();
            }
        }
        byPath.putAll(moved);
    }
}
