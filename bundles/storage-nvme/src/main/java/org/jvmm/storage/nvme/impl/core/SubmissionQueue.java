package org.jvmm.storage.nvme.impl.core;

import org.jvmm.inspect.InspectNode;

/** A submission queue ring in guest memory. Guarded by the controller lock. */
final class SubmissionQueue {
    final int id;
    final long base;
    final int size;
    final CompletionQueue cq;
    int head;
    int tail;
    /** Commands fetched and not yet completed (parked ones excluded). */
    int inFlight;
    /** A thread is fetching from this queue (see {@link QueueEngine#pump}). */
    boolean pumping;
    /** A Delete I/O SQ is waiting for the commands in flight. */
    boolean deleting;
    int deleteCid = -1;
    long fetched;

    SubmissionQueue(int id, long base, int size, CompletionQueue cq) {
        this.id = id;
        this.base = base;
        this.size = size;
        this.cq = cq;
    }

    boolean empty() {
        return head == tail;
    }

    void inspect(InspectNode n) {
        n.hex("base", base).field("size", size).field("cq", cq.id).field("head", head).field("tail", tail)
                .field("inFlight", inFlight).field("fetched", fetched);
        if (deleting) {
            n.field("deleting", true);
        }
    }
}
