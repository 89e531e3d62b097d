package org.jvmm.devices.virtio.impl.queue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jvmm.devices.virtio.api.ChainReader;
import org.jvmm.devices.virtio.api.ChainWriter;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.guestmem.GuestMemory;

/** A validated chain: pieces {@code [0, readablePieces)} are device-readable, the rest device-writable. */
final class Chain implements DescriptorChain {
    private final SplitQueue queue;
    private final int head;
    private final GuestMemory memory;
    private final long[] addrs;
    private final long[] lens;
    private final int readablePieces;
    private final long readable;
    private final long writable;
    private final int descriptors;

    Chain(SplitQueue queue, int head, GuestMemory memory, long[] addrs, long[] lens, int readablePieces,
            long readable, long writable, int descriptors) {
        this.queue = queue;
        this.head = head;
        this.memory = memory;
        this.addrs = addrs;
        this.lens = lens;
        this.readablePieces = readablePieces;
        this.readable = readable;
        this.writable = writable;
        this.descriptors = descriptors;
    }

    SplitQueue queue() {
        return queue;
    }

    @Override
    public int head() {
        return head;
    }

    @Override
    public long readableLength() {
        return readable;
    }

    @Override
    public long writableLength() {
        return writable;
    }

    @Override
    public int descriptorCount() {
        return descriptors;
    }

    @Override
    public ChainReader reader() {
        return new SegmentCursor(memory, addrs, lens, 0, readablePieces, readable);
    }

    @Override
    public ChainWriter writer() {
        return new SegmentCursor(memory, addrs, lens, readablePieces, addrs.length, writable);
    }

    @Override
    public List<MemorySegment> readableSlices(long offset, long length) {
        Objects.checkFromIndexSize(offset, length, readable);
        return slices(0, readablePieces, offset, length);
    }

    @Override
    public List<MemorySegment> writableSlices(long offset, long length) {
        Objects.checkFromIndexSize(offset, length, writable);
        return slices(readablePieces, addrs.length, offset, length);
    }

    private List<MemorySegment> slices(int from, int to, long offset, long length) {
        List<MemorySegment> out = new ArrayList<>(Math.min(to - from, 16));
        long skip = offset;
        long left = length;
        for (int p = from; p < to && left > 0; p++) {
            if (skip >= lens[p]) {
                skip -= lens[p];
                continue;
            }
            long n = Math.min(left, lens[p] - skip);
            out.add(memory.slice(addrs[p] + skip, n));
            skip = 0;
            left -= n;
        }
        return out;
    }

    /**
     * Tells guest memory that the device-writable buffers were written (all of them: a device may
     * have filled more than it reports), so a software CPU forgets code decoded from them.
     */
    void reportWritable() {
        for (int p = readablePieces; p < addrs.length; p++) {
            memory.written(addrs[p], lens[p]);
        }
    }

    @Override
    public String toString() {
        return "chain[head=" + head + ", readable=" + readable + ", writable=" + writable + "]";
    }
}
