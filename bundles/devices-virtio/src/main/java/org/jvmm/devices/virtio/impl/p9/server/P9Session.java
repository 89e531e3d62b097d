package org.jvmm.devices.virtio.impl.p9.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 9P session without open files, as a snapshot keeps it: whether Tversion happened and the msize
 * it set, every fid with the path it names (a mounted share always holds some: the root's), and
 * which host file systems the qid paths' top bits stand for, so the guest sees the same qids.
 * Paths are checked again, name by name, whenever they are used.
 */
public record P9Session(boolean negotiated, int msize, List<Fid> fids, Map<Long, Long> devices) {
    private static final int MAX_FIDS = 1 << 20;
    private static final int MAX_DEVICES = 0x10000;

    public P9Session {
        fids = List.copyOf(fids);
        devices = Map.copyOf(devices);
    }

    /** A fid and the path names it stands for. */
    public record Fid(int fid, List<String> path) {
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeBoolean(negotiated);
        out.writeInt(msize);
        out.writeInt(fids.size());
        for (Fid f : fids) {
            out.writeInt(f.fid());
            out.writeShort(f.path().size());
            for (String name : f.path()) {
                out.writeUTF(name);
            }
        }
        out.writeInt(devices.size());
        for (Map.Entry<Long, Long> e : devices.entrySet()) {
            out.writeLong(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    public static P9Session read(DataInputStream in) throws IOException {
        boolean negotiated = in.readBoolean();
        int msize = in.readInt();
        int count = in.readInt();
        if (count < 0 || count > MAX_FIDS) {
            throw new IOException(count + " saved fids");
        }
        List<Fid> fids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int fid = in.readInt();
            List<String> path = new ArrayList<>();
            for (int d = in.readUnsignedShort(); d > 0; d--) {
                path.add(in.readUTF());
            }
            fids.add(new Fid(fid, path));
        }
        int devices = in.readInt();
        if (devices < 0 || devices > MAX_DEVICES) {
            throw new IOException(devices + " saved host devices");
        }
        Map<Long, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < devices; i++) {
            map.put(in.readLong(), in.readLong());
        }
        return new P9Session(negotiated, msize, fids, map);
    }
}
