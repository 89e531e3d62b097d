package org.jvmm.devices.virtio.impl.queue;

import java.lang.invoke.VarHandle;
import java.util.Optional;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;
import org.jvmm.devices.virtio.api.VirtioFeatures;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.inspect.InspectNode;
import org.jvmm.inspect.Inspectable;

/**
 * A split virtqueue on enabled, validated {@link QueueParams}. Ring indices are free-running u16s;
 * an available index that moves by more than the queue size fails the queue. With
 * VIRTIO_F_EVENT_IDX the device publishes {@code avail_event} (notify me past what I have taken) and
 * honours {@code used_event}; without it, it honours VIRTQ_AVAIL_F_NO_INTERRUPT. Fences order the
 * guest-visible ring accesses as the spec requires (used element before used index, used index
 * before reading {@code used_event}). All methods synchronise on the queue.
 */
public final class SplitQueue implements VirtQueue, Inspectable {
    private static final int AVAIL_F_NO_INTERRUPT = 1;

    private final int index;
    private final QueueParams params;
    private final int size;
    private final GuestMemory memory;
    private final boolean eventIdx;
    private final QueueEvents events;
    private final ChainWalker walker;
    private int nextAvail;
    private int nextUsed;
    private boolean open = true;
    private String failure;
    private long taken;
    private long completed;
    private long interrupts;

    /**
     * @throws IllegalArgumentException if {@code params} have a problem (the transport checks first)
     */
    public SplitQueue(int index, QueueParams params, int maxSize, GuestMemory memory, long features,
            QueueEvents events) {
        params.problem(maxSize, memory).ifPresent(p -> {
            throw new IllegalArgumentException("queue " + index + ": " + p);
        });
        this.index = index;
        this.params = params;
        this.size = params.size();
        this.memory = memory;
        this.eventIdx = (features & VirtioFeatures.bit(VirtioFeatures.RING_EVENT_IDX)) != 0;
        this.events = events;
        this.walker = new ChainWalker(memory, params.desc(), size,
                (features & VirtioFeatures.bit(VirtioFeatures.RING_INDIRECT_DESC)) != 0);
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized Optional<DescriptorChain> next() {
        if (!open) {
            return Optional.empty();
        }
        try {
            int availIdx = availIdx();
            if (availIdx == nextAvail && eventIdx) {
                setAvailEvent(nextAvail);
                VarHandle.fullFence();
                availIdx = availIdx();
            }
            if (availIdx == nextAvail) {
                return Optional.empty();
            }
            int pending = (availIdx - nextAvail) & 0xFFFF;
            if (pending > size) {
                throw new QueueError("available index moved from " + nextAvail + " to " + availIdx
                        + ", more than the queue size " + size);
            }
            VarHandle.acquireFence();
            int head = memory.read16(params.avail() + 4 + 2L * (nextAvail & (size - 1))) & 0xFFFF;
            Chain chain = walker.walk(this, head);
            nextAvail = (nextAvail + 1) & 0xFFFF;
            if (eventIdx) {
                setAvailEvent(nextAvail);
            }
            taken++;
            return Optional.of(chain);
        } catch (QueueError e) {
            fail(e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public synchronized boolean complete(DescriptorChain chain, long written) {
        if (!(chain instanceof Chain c) || c.queue() != this) {
            throw new IllegalArgumentException("chain " + chain + " was not taken from queue " + index);
        }
        if (!open) {
            return false;
        }
        long len = Math.clamp(written, 0, c.writableLength());
        if (c.writableLength() > 0) {
            c.reportWritable();
        }
        long elem = params.used() + 4 + 8L * (nextUsed & (size - 1));
        memory.write32(elem, c.head());
        memory.write32(elem + 4, (int) len);
        VarHandle.releaseFence();
        int old = nextUsed;
        nextUsed = (nextUsed + 1) & 0xFFFF;
        memory.write16(params.used() + 2, (short) nextUsed);
        completed++;
        VarHandle.fullFence();
        if (wantsInterrupt(old, nextUsed)) {
            interrupts++;
            events.interrupt(index);
        }
        return true;
    }

    /** Stops the queue (device reset): no more chains, completions publish nothing. */
    public synchronized void close() {
        open = false;
    }

    /** The index in the available ring of the next chain to take (free-running u16). */
    public synchronized int nextAvail() {
        return nextAvail;
    }

    /** The index in the used ring of the next completion (free-running u16). */
    public synchronized int nextUsed() {
        return nextUsed;
    }

    /** Chains taken and not completed yet (a snapshot needs none). */
    public synchronized long outstanding() {
        return taken - completed;
    }

    /**
     * Where a restored queue goes on: its ring positions as saved. Call before the device gets the
     * queue; the rings themselves are in (restored) guest memory.
     */
    public synchronized void restorePositions(int savedNextAvail, int savedNextUsed) {
        nextAvail = savedNextAvail & 0xFFFF;
        nextUsed = savedNextUsed & 0xFFFF;
    }

    /** Why the queue failed, or null. */
    public synchronized String failure() {
        return failure;
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.field("size", size).hex("desc", params.desc()).hex("avail", params.avail()).hex("used", params.used())
                .field("next_avail", nextAvail).field("next_used", nextUsed).field("open", open)
                .field("taken", taken).field("completed", completed).field("interrupts", interrupts);
        if (failure != null) {
            node.field("failure", failure);
        }
    }

    private boolean wantsInterrupt(int old, int now) {
        if (eventIdx) {
            int usedEvent = memory.read16(params.avail() + 4 + 2L * size) & 0xFFFF;
            return ((now - usedEvent - 1) & 0xFFFF) < ((now - old) & 0xFFFF);
        }
        return (memory.read16(params.avail()) & AVAIL_F_NO_INTERRUPT) == 0;
    }

    private int availIdx() {
        return memory.read16(params.avail() + 2) & 0xFFFF;
    }

    private void setAvailEvent(int value) {
        memory.write16(params.used() + 4 + 8L * size, (short) value);
    }

    private void fail(String reason) {
        failure = reason;
        open = false;
        events.failed(index, reason);
    }
}
