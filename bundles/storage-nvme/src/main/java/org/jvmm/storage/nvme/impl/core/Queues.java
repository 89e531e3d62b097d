package org.jvmm.storage.nvme.impl.core;

import java.util.Arrays;
import org.jvmm.inspect.InspectNode;

/** The queue table: admin queues at id 0, I/O queues at 1..max. Guarded by the controller lock. */
final class Queues {
    private final SubmissionQueue[] sqs;
    private final CompletionQueue[] cqs;
    private int ioQueues;

    Queues(int maxIoQueues) {
        sqs = new SubmissionQueue[maxIoQueues + 1];
        cqs = new CompletionQueue[maxIoQueues + 1];
    }

    /** The highest queue id. */
    int maxId() {
        return sqs.length - 1;
    }

    SubmissionQueue sq(int id) {
        return id >= 0 && id < sqs.length ? sqs[id] : null;
    }

    CompletionQueue cq(int id) {
        return id >= 0 && id < cqs.length ? cqs[id] : null;
    }

    void add(CompletionQueue cq) {
        cqs[cq.id] = cq;
        ioQueues += cq.id == 0 ? 0 : 1;
    }

    void add(SubmissionQueue sq) {
        sqs[sq.id] = sq;
        sq.cq.sqs.add(sq);
        ioQueues += sq.id == 0 ? 0 : 1;
    }

    void remove(SubmissionQueue sq) {
        sqs[sq.id] = null;
        sq.cq.sqs.remove(sq);
        ioQueues -= sq.id == 0 ? 0 : 1;
    }

    void remove(CompletionQueue cq) {
        cqs[cq.id] = null;
        ioQueues -= cq.id == 0 ? 0 : 1;
    }

    /** Whether any I/O queue was created since the controller was enabled. */
    boolean anyIo() {
        return ioQueues > 0;
    }

    /** Whether a completion queue with interrupts enabled holds entries the host has not consumed. */
    boolean anyUnconsumed() {
        for (CompletionQueue cq : cqs) {
            if (cq != null && cq.interruptsEnabled && cq.unconsumed()) {
                return true;
            }
        }
        return false;
    }

    void clear() {
        Arrays.fill(sqs, null);
        Arrays.fill(cqs, null);
        ioQueues = 0;
    }

    void inspect(InspectNode node) {
        InspectNode s = node.child("sq");
        InspectNode c = node.child("cq");
        for (int i = 0; i < sqs.length; i++) {
            if (sqs[i] != null) {
                sqs[i].inspect(s.child(Integer.toString(i)));
            }
            if (cqs[i] != null) {
                cqs[i].inspect(c.child(Integer.toString(i)));
            }
        }
    }
}
