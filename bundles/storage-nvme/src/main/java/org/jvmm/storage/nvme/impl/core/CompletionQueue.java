package org.jvmm.storage.nvme.impl.core;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.nvme.impl.dma.Dma;
import org.jvmm.storage.nvme.impl.spec.Status;

/**
 * A completion queue ring in guest memory with its phase tag. Entries that do not fit (the ring
 * is full until the host moves the head) wait in {@link #pending}. Guarded by the controller lock.
 */
final class CompletionQueue {
    static final int ENTRY = 16;

    final int id;
    final long base;
    final int size;
    final boolean interruptsEnabled;
    final int vector;
    final List<SubmissionQueue> sqs = new ArrayList<>();
    final ArrayDeque<Completion> pending = new ArrayDeque<>();
    int head;
    int tail;
    boolean phase = true;
    /** Commands of this queue's SQs fetched and not yet written to the ring; at most the size. */
    int outstanding;
    long posted;
    private final byte[] entry = new byte[12];

    CompletionQueue(int id, long base, int size, boolean interruptsEnabled, int vector) {
        this.id = id;
        this.base = base;
        this.size = size;
        this.interruptsEnabled = interruptsEnabled;
        this.vector = vector;
    }

    boolean full() {
        return (tail + 1) % size == head;
    }

    /** Entries posted that the host has not consumed. */
    boolean unconsumed() {
        return head != tail;
    }

    /**
     * Writes {@code c} at the tail: dwords 0-2 first, then dword 3 (command id, phase, status) in
     * one store after a fence, so the host never sees the new phase with old contents.
     *
     * @return false if the ring is not guest RAM any more (the controller then fails)
     */
    boolean write(Dma dma, Completion c) {
        long at = base + (long) tail * ENTRY;
        ByteBuffer b = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, c.dw0()).putInt(4, 0).putShort(8, (short) c.sqhd()).putShort(10, (short) c.sqid());
        if (!dma.write(at, entry, 0, entry.length)) {
            return false;
        }
        VarHandle.releaseFence();
        int dw3 = c.cid() & 0xFFFF | (phase ? 1 << 16 : 0) | Status.field(c.status()) << 17;
        if (!dma.write32(at + 12, dw3)) {
            return false;
        }
        tail++;
        if (tail == size) {
            tail = 0;
            phase = !phase;
        }
        posted++;
        return true;
    }

    /** A head doorbell write; false if {@code value} is not a slot the host may have consumed up to. */
    boolean moveHead(int value) {
        if (value < 0 || value >= size) {
            return false;
        }
        int consumed = Math.floorMod(value - head, size);
        int available = Math.floorMod(tail - head, size);
        if (consumed > available) {
            return false;
        }
        head = value;
        return true;
    }

    void inspect(InspectNode n) {
        n.hex("base", base).field("size", size).field("head", head).field("tail", tail).field("phase", phase ? 1 : 0)
                .field("interrupts", interruptsEnabled ? "vector " + vector : "off").field("pending", pending.size())
                .field("outstanding", outstanding).field("posted", posted);
    }
}
