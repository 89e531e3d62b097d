package org.jvmm.storage.nvme.impl.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.nvme.impl.core.Outcome.Done;
import org.jvmm.storage.nvme.impl.spec.Command;
import org.jvmm.storage.nvme.impl.spec.Status;

/**
 * Doorbells, command fetch and completion posting.
 *
 * <p>Threading: a submission queue tail doorbell is served on the thread that wrote it (a VP
 * thread): that thread fetches and executes commands under the controller lock until the queue is
 * empty, and starts disk I/O outside the lock. Only one thread fetches from a queue at a time
 * ({@link SubmissionQueue#pumping}); another doorbell for it only moves the tail, which the
 * fetching thread sees before it stops. Disk completions post their entry on the disk's thread.
 *
 * <p>Back-pressure: a queue is not fetched from while its completion queue has as many commands
 * outstanding (fetched, and not yet written to the ring) as entries, so the entries waiting for
 * room are bounded. Entries that find the ring full wait in the
 * queue's pending list and are written when the host moves the head; whoever frees room (a head
 * doorbell, a completion) restarts fetching for the stalled queues.
 */
final class QueueEngine {
    private final Controller c;
    private final byte[] entry = new byte[Command.SIZE];

    QueueEngine(Controller c) {
        this.c = c;
    }

    /** Doorbell {@code index} (2y = SQ y tail, 2y+1 = CQ y head); called without the lock. */
    void doorbell(int index, int value) {
        List<SubmissionQueue> kick = new ArrayList<>();
        synchronized (c) {
            if (!c.running()) {
                return;
            }
            int qid = index >>> 1;
            if ((index & 1) == 0) {
                SubmissionQueue sq = c.queues.sq(qid);
                if (sq == null || sq.deleting) {
                    invalidDoorbell(AsyncEvents.ERROR_INVALID_DOORBELL_REGISTER);
                } else if (value < 0 || value >= sq.size) {
                    invalidDoorbell(AsyncEvents.ERROR_INVALID_DOORBELL_VALUE);
                } else {
                    sq.tail = value;
                    kick.add(sq);
                }
            } else {
                CompletionQueue cq = c.queues.cq(qid);
                if (cq == null) {
                    invalidDoorbell(AsyncEvents.ERROR_INVALID_DOORBELL_REGISTER);
                } else if (!cq.moveHead(value)) {
                    invalidDoorbell(AsyncEvents.ERROR_INVALID_DOORBELL_VALUE);
                } else {
                    drain(cq);
                    c.interrupts.update();
                    kick.addAll(stalled(cq));
                }
            }
        }
        kick.forEach(this::pump);
    }

    /** Fetches and runs commands from {@code sq} until it is empty or must wait; called without the lock. */
    void pump(SubmissionQueue sq) {
        synchronized (c) {
            if (sq.pumping) {
                return;
            }
            sq.pumping = true;
        }
        boolean claimed = true;
        try {
            while (true) {
                Started s;
                synchronized (c) {
                    s = nextStart(sq);
                    if (s == null) {
                        sq.pumping = false;
                        claimed = false;
                        return;
                    }
                }
                launch(s);
            }
        } catch (RuntimeException e) {
            c.internalError("fetching from submission queue " + sq.id, e);
        } finally {
            if (claimed) {
                synchronized (c) {
                    sq.pumping = false;
                }
            }
        }
    }

    /** Completes a parked admin command (an event request, a deferred deletion). Under the lock. */
    void completeParked(int cid, Done d) {
        SubmissionQueue admin = c.queues.sq(0);
        if (admin != null) {
            post(admin.cq, new Completion(d.dw0(), 0, admin.head, cid, d.status(), false));
        }
    }

    /** Answers outstanding event requests with the events that may be reported. Under the lock. */
    void deliverEvents() {
        for (long n = c.events.next(); n >= 0; n = c.events.next()) {
            completeParked((int) (n >>> 32), new Done(Status.SUCCESS, (int) n));
        }
    }

    private void invalidDoorbell(int info) {
        c.events.raise(AsyncEvents.TYPE_ERROR, info, AsyncEvents.LOG_ERROR);
        deliverEvents();
    }

    private record Started(SubmissionQueue sq, Command cmd, Outcome.Start start, int generation) {
    }

    private Started nextStart(SubmissionQueue sq) {
        while (canFetch(sq)) {
            long at = sq.base + (long) sq.head * Command.SIZE;
            if (!c.dma.read(at, entry, 0, Command.SIZE)) {
                c.fatal("submission queue " + sq.id + " entry at 0x" + Long.toHexString(at) + " is not guest RAM");
                return null;
            }
            sq.head = (sq.head + 1) % sq.size;
            sq.fetched++;
            Command cmd = Command.parse(entry);
            sq.inFlight++;
            sq.cq.outstanding++;
            switch (dispatch(sq, cmd)) {
                case Done d -> complete(sq, cmd, d);
                case Outcome.Parked p -> {
                    sq.inFlight--;
                    sq.cq.outstanding--;
                    deliverEvents();
                }
                case Outcome.Start s -> {
                    c.ioStarted();
                    s.namespaces().forEach(Namespace::begin);
                    return new Started(sq, cmd, s, c.generation());
                }
            }
        }
        return null;
    }

    private boolean canFetch(SubmissionQueue sq) {
        return c.running() && c.queues.sq(sq.id) == sq && !sq.deleting && !sq.empty()
                && sq.cq.outstanding < sq.cq.size && c.interrupts.busMaster();
    }

    private Outcome dispatch(SubmissionQueue sq, Command cmd) {
        if (cmd.fuse() != 0 || cmd.psdt() != 0) {
            return Done.of(Status.INVALID_FIELD);
        }
        try {
            return sq.id == 0 ? c.admin.execute(cmd) : c.io.execute(cmd);
        } catch (RuntimeException e) {
            c.internalError("executing opcode 0x" + Integer.toHexString(cmd.opcode()) + " on queue " + sq.id, e);
            return Done.of(Status.INTERNAL_ERROR);
        }
    }

    private void launch(Started s) {
        CompletableFuture<Done> f = null;
        try {
            f = s.start().op().get();
        } catch (RuntimeException e) {
            c.internalError("starting disk I/O", e);
        }
        if (f == null) {
            f = CompletableFuture.completedFuture(Done.of(Status.INTERNAL_ERROR));
        }
        f.whenComplete((d, ex) -> finish(s, ex != null || d == null ? Done.of(Status.INTERNAL_ERROR) : d));
    }

    private void finish(Started s, Done d) {
        try {
            List<Disk> close = new ArrayList<>();
            List<SubmissionQueue> kick = List.of();
            synchronized (c) {
                for (Namespace ns : s.start().namespaces()) {
                    if (ns.end()) {
                        close.add(ns.disk);
                    }
                }
                if (s.generation() == c.generation() && c.queues.sq(s.sq().id) == s.sq()) {
                    complete(s.sq(), s.cmd(), d);
                    kick = stalled(s.sq().cq);
                }
                c.ioFinished();
            }
            close.forEach(c::closeDisk);
            kick.forEach(this::pump);
        } catch (RuntimeException e) {
            c.internalError("completing command " + s.cmd().cid() + " of queue " + s.sq().id, e);
        }
    }

    private void complete(SubmissionQueue sq, Command cmd, Done d) {
        sq.inFlight--;
        if (d.status() != Status.SUCCESS) {
            c.errors.record(sq.id, cmd.cid(), d.status(), cmd.nsid());
        }
        post(sq.cq, new Completion(d.dw0(), sq.id, sq.head, cmd.cid(), d.status(), true));
        if (sq.deleting && sq.inFlight == 0) {
            c.queues.remove(sq);
            completeParked(sq.deleteCid, Done.SUCCESS);
        }
    }

    private void post(CompletionQueue cq, Completion e) {
        if (!cq.pending.isEmpty() || cq.full()) {
            cq.pending.add(e);
        } else {
            write(cq, e);
        }
    }

    private boolean write(CompletionQueue cq, Completion e) {
        if (!cq.write(c.dma, e)) {
            c.fatal("completion queue " + cq.id + " is not guest RAM");
            return false;
        }
        if (e.counted()) {
            cq.outstanding--;
        }
        c.interrupts.posted(cq);
        return true;
    }

    private void drain(CompletionQueue cq) {
        while (!cq.pending.isEmpty() && !cq.full() && write(cq, cq.pending.peek())) {
            cq.pending.poll();
        }
    }

    /** The submission queues of {@code cq} with commands waiting that may now be fetched. */
    private List<SubmissionQueue> stalled(CompletionQueue cq) {
        List<SubmissionQueue> out = new ArrayList<>();
        if (cq.outstanding < cq.size) {
            for (SubmissionQueue sq : cq.sqs) {
                if (!sq.empty() && !sq.pumping) {
                    out.add(sq);
                }
            }
        }
        return out;
    }
}
