package org.jvmm.storage.nvme.impl.core;

import org.jvmm.storage.nvme.impl.core.Outcome.Done;
import org.jvmm.storage.nvme.impl.spec.Command;
import org.jvmm.storage.nvme.impl.spec.Limits;
import org.jvmm.storage.nvme.impl.spec.Status;

/**
 * CREATE and DELETE I/O SUBMISSION and COMPLETION QUEUE. Queues must be physically contiguous,
 * page aligned, entirely in guest RAM, with ids within the allocated Number of Queues. A
 * completion queue still used by a submission queue cannot be deleted; deleting a submission
 * queue completes once its commands in flight have. Under the controller lock.
 */
final class QueueAdmin {
    private final Controller c;

    QueueAdmin(Controller c) {
        this.c = c;
    }

    Outcome createCq(Command cmd) {
        int qid = cmd.cdw10() & 0xFFFF;
        int size = (cmd.cdw10() >>> 16) + 1;
        int vector = cmd.cdw11() >>> 16;
        if (qid == 0 || qid > c.features.queuesAllocated() || c.queues.cq(qid) != null) {
            return Done.of(Status.INVALID_QUEUE_ID);
        }
        int bad = checkRing(cmd, size, CompletionQueue.ENTRY);
        if (bad != Status.SUCCESS) {
            return Done.of(bad);
        }
        if (vector >= c.identity.msixCount()) {
            return Done.of(Status.INVALID_INTERRUPT_VECTOR);
        }
        c.queues.add(new CompletionQueue(qid, cmd.prp1(), size, (cmd.cdw11() & 2) != 0, vector));
        return Done.SUCCESS;
    }

    Outcome createSq(Command cmd) {
        int qid = cmd.cdw10() & 0xFFFF;
        int size = (cmd.cdw10() >>> 16) + 1;
        int cqid = cmd.cdw11() >>> 16;
        if (qid == 0 || qid > c.features.queuesAllocated() || c.queues.sq(qid) != null) {
            return Done.of(Status.INVALID_QUEUE_ID);
        }
        CompletionQueue cq = cqid == 0 ? null : c.queues.cq(cqid);
        if (cq == null) {
            return Done.of(Status.COMPLETION_QUEUE_INVALID);
        }
        int bad = checkRing(cmd, size, Command.SIZE);
        if (bad != Status.SUCCESS) {
            return Done.of(bad);
        }
        c.queues.add(new SubmissionQueue(qid, cmd.prp1(), size, cq));
        return Done.SUCCESS;
    }

    Outcome deleteSq(Command cmd) {
        int qid = cmd.cdw10() & 0xFFFF;
        SubmissionQueue sq = qid == 0 ? null : c.queues.sq(qid);
        if (sq == null || sq.deleting) {
            return Done.of(Status.INVALID_QUEUE_ID);
        }
        if (sq.inFlight == 0) {
            c.queues.remove(sq);
            return Done.SUCCESS;
        }
        sq.deleting = true;
        sq.deleteCid = cmd.cid();
        return Outcome.Parked.PARKED;
    }

    Outcome deleteCq(Command cmd) {
        int qid = cmd.cdw10() & 0xFFFF;
        CompletionQueue cq = qid == 0 ? null : c.queues.cq(qid);
        if (cq == null) {
            return Done.of(Status.INVALID_QUEUE_ID);
        }
        if (!cq.sqs.isEmpty()) {
            return Done.of(Status.INVALID_QUEUE_DELETION);
        }
        c.queues.remove(cq);
        return Done.SUCCESS;
    }

    /** Size, contiguity, alignment and placement of a new ring of {@code size} entries. */
    private int checkRing(Command cmd, int size, int entrySize) {
        if (size < 2 || size > Limits.MAX_QUEUE_ENTRIES) {
            return Status.INVALID_QUEUE_SIZE;
        }
        if ((cmd.cdw11() & 1) == 0) {
            return Status.INVALID_FIELD;
        }
        if ((cmd.prp1() & c.registers.pageSize() - 1) != 0) {
            return Status.PRP_OFFSET_INVALID;
        }
        return c.dma.isRam(cmd.prp1(), (long) size * entrySize) ? Status.SUCCESS : Status.INVALID_FIELD;
    }
}
