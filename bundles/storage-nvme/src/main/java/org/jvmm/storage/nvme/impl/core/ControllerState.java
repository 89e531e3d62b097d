package org.jvmm.storage.nvme.impl.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller's part of a snapshot, in order: the namespaces present (id, blocks, block size,
 * read-only; checked, not restored), the registers and INTMS, the features, the asynchronous
 * event requests and events, the changed namespace list, the SMART counters, the error log and
 * the queues. Saved and loaded under the controller lock with no disk I/O in flight.
 */
final class ControllerState {
    private ControllerState() {
    }

    static void save(Controller c, DataOutputStream out) throws IOException {
        List<Namespace> all = c.namespaces.all();
        out.writeInt(all.size());
        for (Namespace ns : all) {
            out.writeInt(ns.nsid);
            out.writeLong(ns.blocks);
            out.writeInt(ns.sectorSize());
            out.writeBoolean(ns.readOnly);
        }
        c.registers.save(out);
        out.writeInt(c.interrupts.mask());
        c.features.save(out);
        c.events.save(out);
        c.namespaces.saveChanged(out);
        c.health.save(out);
        c.errors.save(out);
        QueueState.save(c.queues, out);
    }

    /**
     * Loads a saved state into {@code c}; the namespaces must be those of {@code present}. On an
     * error {@code c} is left half loaded: check into a scratch controller first.
     */
    static void load(Controller c, List<String> present, DataInputStream in) throws IOException {
        List<String> saved = new ArrayList<>();
        int n = in.readInt();
        if (n < 0 || n > c.maxNamespaceId()) {
            throw new IOException(n + " namespaces saved");
        }
        for (int i = 0; i < n; i++) {
            saved.add(describe(in.readInt(), in.readLong(), in.readInt(), in.readBoolean()));
        }
        if (!saved.equals(present)) {
            throw new IOException("the snapshot has namespaces " + saved + ", this controller has " + present);
        }
        c.registers.load(in);
        c.interrupts.setMask(in.readInt());
        c.features.load(in);
        c.events.load(in);
        c.namespaces.loadChanged(in);
        c.health.load(in);
        c.errors.load(in);
        QueueState.load(c.queues, c.identity.msixCount(), in);
    }

    /** The namespaces of {@code c} as the snapshot check compares them. */
    static List<String> present(Controller c) {
        List<String> out = new ArrayList<>();
        for (Namespace ns : c.namespaces.all()) {
            out.add(describe(ns.nsid, ns.blocks, ns.sectorSize(), ns.readOnly));
        }
        return out;
    }

    private static String describe(int nsid, long blocks, int blockSize, boolean readOnly) {
        return nsid + ": " + blocks + " blocks of " + blockSize + (readOnly ? " read-only" : "");
    }
}
