package org.jvmm.storage.nvme.impl.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jvmm.storage.nvme.impl.spec.Limits;
import org.jvmm.storage.nvme.impl.spec.Status;

/**
 * The Error Information log: the last {@code ELPE + 1} failed commands, newest first, each with
 * the running error count. Guarded by the controller lock.
 */
final class ErrorLog {
    static final int ENTRY = 64;
    static final int ENTRIES = Limits.ELPE + 1;
    static final int SIZE = ENTRIES * ENTRY;

    private final long[] count = new long[ENTRIES];
    private final int[] sqid = new int[ENTRIES];
    private final int[] cid = new int[ENTRIES];
    private final int[] status = new int[ENTRIES];
    private final int[] nsid = new int[ENTRIES];
    private long total;

    void record(int sq, int command, int st, int ns) {
        total++;
        int i = (int) (total % ENTRIES);
        count[i] = total;
        sqid[i] = sq;
        cid[i] = command;
        status[i] = st;
        nsid[i] = ns;
    }

    long total() {
        return total;
    }

    byte[] page() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < ENTRIES && k < total; k++) {
            int i = (int) ((total - k) % ENTRIES);
            int at = k * ENTRY;
            b.putLong(at, count[i]).putShort(at + 8, (short) sqid[i]).putShort(at + 10, (short) cid[i])
                    .putShort(at + 12, (short) (Status.field(status[i]) << 1)).putShort(at + 14, (short) 0xFFFF)
                    .putInt(at + 24, nsid[i]);
        }
        return b.array();
    }

    /** Snapshot: the running count and every entry. */
    void save(DataOutputStream out) throws IOException {
        out.writeLong(total);
        for (int i = 0; i < ENTRIES; i++) {
            out.writeLong(count[i]);
            out.writeShort(sqid[i]);
            out.writeShort(cid[i]);
            out.writeInt(status[i]);
            out.writeInt(nsid[i]);
        }
    }

    void load(DataInputStream in) throws IOException {
        total = in.readLong();
        for (int i = 0; i < ENTRIES; i++) {
            count[i] = in.readLong();
            sqid[i] = in.readUnsignedShort();
            cid[i] = in.readUnsignedShort();
            status[i] = in.readInt();
            nsid[i] = in.readInt();
        }
    }
}
