package org.jvmm.storage.nvme.impl.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jvmm.inspect.InspectNode;

/**
 * The attached namespaces by id, and the Changed Namespace List log (up to 1024 ids; past that
 * the log holds the single entry FFFFFFFFh, as the specification asks). Guarded by the
 * controller lock.
 */
final class NamespaceTable {
    static final int LOG_SIZE = 4096;
    private static final int LOG_ENTRIES = LOG_SIZE / 4;

    private final TreeMap<Integer, Namespace> byId = new TreeMap<>();
    private final TreeSet<Integer> changed = new TreeSet<>();
    private boolean overflow;

    Namespace get(int nsid) {
        return byId.get(nsid);
    }

    void add(Namespace ns) {
        byId.put(ns.nsid, ns);
        markChanged(ns.nsid);
    }

    Namespace remove(int nsid) {
        Namespace ns = byId.remove(nsid);
        if (ns != null) {
            markChanged(nsid);
        }
        return ns;
    }

    List<Namespace> all() {
        return new ArrayList<>(byId.values());
    }

    /** Up to {@code max} active ids greater than {@code after} (unsigned), ascending. */
    List<Integer> activeAfter(int after, int max) {
        List<Integer> out = new ArrayList<>();
        for (int id : byId.keySet()) {
            if (Integer.compareUnsigned(id, after) > 0 && out.size() < max) {
                out.add(id);
            }
        }
        return out;
    }

    /** The lowest id in {@code 1..max} not in use, or 0 when all are. */
    int lowestFree(int max) {
        for (int id = 1; id <= max; id++) {
            if (!byId.containsKey(id)) {
                return id;
            }
        }
        return 0;
    }

    /** The Changed Namespace List log page. */
    byte[] changedLog() {
        ByteBuffer b = ByteBuffer.allocate(LOG_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        if (overflow) {
            b.putInt(0, -1);
        } else {
            int i = 0;
            for (int id : changed) {
                b.putInt(i++ * 4, id);
            }
        }
        return b.array();
    }

    /** The host read the log page: the list starts over. */
    void clearChanged() {
        changed.clear();
        overflow = false;
    }

    /** Snapshot: the Changed Namespace List the host has not read. */
    void saveChanged(DataOutputStream out) throws IOException {
        out.writeBoolean(overflow);
        out.writeShort(changed.size());
        for (int id : changed) {
            out.writeInt(id);
        }
    }

    void loadChanged(DataInputStream in) throws IOException {
        boolean o = in.readBoolean();
        int n = in.readUnsignedShort();
        if (n > LOG_ENTRIES) {
            throw new IOException("changed namespace list: " + n + " entries");
        }
        TreeSet<Integer> ids = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            ids.add(in.readInt());
        }
        overflow = o;
        changed.clear();
        changed.addAll(ids);
    }

    private void markChanged(int nsid) {
        if (!overflow) {
            changed.add(nsid);
            if (changed.size() > LOG_ENTRIES) {
                overflow = true;
                changed.clear();
            }
        }
    }

    void inspect(InspectNode node) {
        for (Map.Entry<Integer, Namespace> e : byId.entrySet()) {
            e.getValue().inspect(node.child(Integer.toString(e.getKey())));
        }
        node.field("changedPending", overflow ? "overflow" : changed.toString());
    }
}
