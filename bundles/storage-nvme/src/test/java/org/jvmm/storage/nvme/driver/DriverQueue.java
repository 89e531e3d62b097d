package org.jvmm.storage.nvme.driver;

/** The driver's side of a queue pair: ring addresses and its own head/tail/phase. */
public final class DriverQueue {
    public final int id;
    public final long sq;
    public final long cq;
    public final int sqSize;
    public final int cqSize;
    int tail;
    int head;
    boolean phase = true;
    int nextCid;

    DriverQueue(int id, long sq, int sqSize, long cq, int cqSize) {
        this.id = id;
        this.sq = sq;
        this.cq = cq;
        this.sqSize = sqSize;
        this.cqSize = cqSize;
    }

    int cid() {
        nextCid = (nextCid + 1) & 0xFFFF;
        return nextCid;
    }
}
