package org.jvmm.storage.nvme.impl.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The queue table in a snapshot: every completion queue (id, ring, head, tail, phase, interrupt
 * vector and enable, the entries waiting for room), then every submission queue (id, ring, head,
 * tail, completion queue). Saved with no command in flight, so no submission queue is deleting.
 */
final class QueueState {
    /** The admin queues may have up to 4096 entries (AQA), the I/O queues fewer. */
    private static final int MAX_ENTRIES = 4096;
    private QueueState() {
    }

    static void save(Queues queues, DataOutputStream out) throws IOException {
        List<CompletionQueue> cqs = new ArrayList<>();
        List<SubmissionQueue> sqs = new ArrayList<>();
        for (int id = 0; id <= queues.maxId(); id++) {
            if (queues.cq(id) != null) {
                cqs.add(queues.cq(id));
            }
            if (queues.sq(id) != null) {
                sqs.add(queues.sq(id));
            }
        }
        out.writeInt(cqs.size());
        for (CompletionQueue cq : cqs) {
            saveCq(cq, out);
        }
        out.writeInt(sqs.size());
        for (SubmissionQueue sq : sqs) {
            out.writeShort(sq.id);
            out.writeLong(sq.base);
            out.writeShort(sq.size);
            out.writeShort(sq.cq.id);
            out.writeShort(sq.head);
            out.writeShort(sq.tail);
            out.writeLong(sq.fetched);
        }
    }

    private static void saveCq(CompletionQueue cq, DataOutputStream out) throws IOException {
        out.writeShort(cq.id);
        out.writeLong(cq.base);
        out.writeShort(cq.size);
        out.writeBoolean(cq.interruptsEnabled);
        out.writeShort(cq.vector);
        out.writeShort(cq.head);
        out.writeShort(cq.tail);
        out.writeBoolean(cq.phase);
        out.writeInt(cq.outstanding);
        out.writeLong(cq.posted);
        out.writeInt(cq.pending.size());
        for (Completion e : cq.pending) {
            out.writeInt(e.dw0());
            out.writeShort(e.sqid());
            out.writeShort(e.sqhd());
            out.writeShort(e.cid());
            out.writeInt(e.status());
            out.writeBoolean(e.counted());
        }
    }

    /** Replaces the queues of {@code queues} with the saved ones; {@code vectors} bounds the vectors. */
    static void load(Queues queues, int vectors, DataInputStream in) throws IOException {
        queues.clear();
        int cqs = count(in, queues.maxId() + 1, "completion");
        for (int i = 0; i < cqs; i++) {
            CompletionQueue cq = loadCq(queues, vectors, in);
            queues.add(cq);
        }
        int sqs = count(in, queues.maxId() + 1, "submission");
        for (int i = 0; i < sqs; i++) {
            int id = id(queues, in.readUnsignedShort(), "submission");
            if (queues.sq(id) != null) {
                throw new IOException("submission queue " + id + " saved twice");
            }
            long base = in.readLong();
            int size = size(in.readUnsignedShort());
            int cqid = in.readUnsignedShort();
            CompletionQueue cq = queues.cq(cqid);
            if (cq == null || (cqid == 0) != (id == 0)) {
                throw new IOException("submission queue " + id + " uses completion queue " + cqid + ", which is not there");
            }
            SubmissionQueue sq = new SubmissionQueue(id, base, size, cq);
            sq.head = slot(in.readUnsignedShort(), size, "submission queue " + id + " head");
            sq.tail = slot(in.readUnsignedShort(), size, "submission queue " + id + " tail");
            sq.fetched = in.readLong();
            queues.add(sq);
        }
    }

    private static CompletionQueue loadCq(Queues queues, int vectors, DataInputStream in) throws IOException {
        int id = id(queues, in.readUnsignedShort(), "completion");
        if (queues.cq(id) != null) {
            throw new IOException("completion queue " + id + " saved twice");
        }
        long base = in.readLong();
        int size = size(in.readUnsignedShort());
        boolean ien = in.readBoolean();
        int vector = in.readUnsignedShort();
        if (vector >= vectors) {
            throw new IOException("completion queue " + id + ": interrupt vector " + vector + " of " + vectors);
        }
        CompletionQueue cq = new CompletionQueue(id, base, size, ien, vector);
        cq.head = slot(in.readUnsignedShort(), size, "completion queue " + id + " head");
        cq.tail = slot(in.readUnsignedShort(), size, "completion queue " + id + " tail");
        cq.phase = in.readBoolean();
        cq.outstanding = in.readInt();
        cq.posted = in.readLong();
        int pending = in.readInt();
        if (pending < 0 || pending > (long) MAX_ENTRIES * (queues.maxId() + 1) || cq.outstanding < 0
                || cq.outstanding > size) {
            throw new IOException("completion queue " + id + ": " + pending + " entries waiting, "
                    + cq.outstanding + " outstanding");
        }
        for (int p = 0; p < pending; p++) {
            cq.pending.add(new Completion(in.readInt(), in.readUnsignedShort(), in.readUnsignedShort(),
                    in.readUnsignedShort(), in.readInt(), in.readBoolean()));
        }
        return cq;
    }

    private static int count(DataInputStream in, int max, String kind) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException(n + " " + kind + " queues saved, at most " + max);
        }
        return n;
    }

    private static int id(Queues queues, int id, String kind) throws IOException {
        if (id > queues.maxId()) {
            throw new IOException(kind + " queue id " + id + " is above " + queues.maxId());
        }
        return id;
    }

    private static int size(int size) throws IOException {
        if (size < 2 || size > MAX_ENTRIES) {
            throw new IOException("a queue of " + size + " entries");
        }
        return size;
    }

    private static int slot(int value, int size, String what) throws IOException {
        if (value >= size) {
            throw new IOException(what + " " + value + " is outside the " + size + " entries");
        }
        return value;
    }
}
