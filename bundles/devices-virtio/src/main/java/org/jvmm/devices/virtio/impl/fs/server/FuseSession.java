package org.jvmm.devices.virtio.impl.fs.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A FUSE session without open handles, as a snapshot keeps it: whether INIT happened, the node ids
 * the kernel holds (each with its path, or none once detached, and its lookup count) and the next
 * node id and file handle, so ids are not reused after a restore. Paths are checked again, name by
 * name, whenever they are used.
 */
public record FuseSession(boolean initialized, long nextNodeId, long nextFh, List<Node> nodes) {
    /** The most nodes a saved session may announce (the node table's own bound). */
    private static final int MAX_NODES = NodeTable.MAX_NODES;

    public FuseSession {
        nodes = List.copyOf(nodes);
    }

    /** One node: id, path names (null when detached) and the lookups not forgotten yet. */
    public record Node(long id, List<String> path, long lookups) {
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeBoolean(initialized);
        out.writeLong(nextNodeId);
        out.writeLong(nextFh);
        out.writeInt(nodes.size());
        for (Node n : nodes) {
            out.writeLong(n.id());
            out.writeLong(n.lookups());
            out.writeBoolean(n.path() != null);
            if (n.path() != null) {
                out.writeShort(n.path().size());
                for (String name : n.path()) {
                    out.writeUTF(name);
                }
            }
        }
    }

    public static FuseSession read(DataInputStream in) throws IOException {
        boolean initialized = in.readBoolean();
        long nextNodeId = in.readLong();
        long nextFh = in.readLong();
        int count = in.readInt();
        if (count < 0 || count > MAX_NODES) {
            throw new IOException(count + " saved nodes");
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            long lookups = in.readLong();
            List<String> path = null;
            if (in.readBoolean()) {
                path = new ArrayList<>();
                for (int d = in.readUnsignedShort(); d > 0; d--) {
                    path.add(in.readUTF());
                }
            }
            nodes.add(new Node(id, path, lookups));
        }
        return new FuseSession(initialized, nextNodeId, nextFh, nodes);
    }
}
