package org.jvmm.devices.virtio.impl.fs.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jvmm.devices.virtio.impl.fs.server.FuseClient.Reply;

/** Decodes READDIR / READDIRPLUS replies. */
record Dirents(List<String> names, List<Long> offsets, List<Long> nodeids, List<Integer> types) {
    static Dirents decode(Reply r, boolean plus) {
        Dirents d = new Dirents(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        ByteBuffer b = r.body();
        int at = 0;
        while (at < b.limit()) {
            d.nodeids.add(plus ? b.getLong(at) : -1L);
            if (plus) {
                at += 128;
            }
            d.offsets.add(b.getLong(at + 8));
            int len = b.getInt(at + 16);
            d.types.add(b.getInt(at + 20));
            byte[] n = new byte[len];
            b.get(at + 24, n);
            d.names.add(new String(n, StandardCharsets.UTF_8));
            at += 24 + (len + 7 & ~7);
        }
        return d;
    }
}
