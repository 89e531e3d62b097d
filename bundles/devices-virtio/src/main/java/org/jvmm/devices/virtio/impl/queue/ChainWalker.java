package org.jvmm.devices.virtio.impl.queue;

import java.util.Arrays;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.RamRange;

/**
 * Reads one descriptor chain of a split queue, direct or through an indirect table, into validated
 * buffer pieces. Each descriptor is read once, so a guest changing the table meanwhile only changes
 * which (still checked) buffers the chain names. Not thread-safe: used under its queue's lock.
 */
final class ChainWalker {
    static final int F_NEXT = 1;
    static final int F_WRITE = 2;
    static final int F_INDIRECT = 4;
    /** The used ring reports written bytes as a u32; no chain may be longer in total. */
    static final long MAX_CHAIN_BYTES = 0xFFFF_FFFFL;

    private final GuestMemory memory;
    private final RamRange[] ranges;
    private final long table;
    private final int size;
    private final boolean indirectAllowed;

    private long[] addrs = new long[8];
    private long[] lens = new long[8];
    private int pieces;
    private int readablePieces;
    private long readable;
    private long writable;
    private int buffers;
    private boolean seenWritable;

    ChainWalker(GuestMemory memory, long table, int size, boolean indirectAllowed) {
        this.memory = memory;
        this.ranges = memory.layout().ranges().toArray(RamRange[]::new);
        this.table = table;
        this.size = size;
        this.indirectAllowed = indirectAllowed;
    }

    Chain walk(SplitQueue queue, int head) throws QueueError {
        pieces = 0;
        readablePieces = 0;
        readable = 0;
        writable = 0;
        buffers = 0;
        seenWritable = false;
        if (head >= size) {
            throw new QueueError("head descriptor " + head + " is not below the queue size " + size);
        }
        int i = head;
        for (int visited = 1; ; visited++) {
            if (visited > size) {
                throw new QueueError("descriptor chain from " + head + " loops or is longer than the queue");
            }
            long d = table + 16L * i;
            int flags = memory.read16(d + 12) & 0xFFFF;
            if ((flags & F_INDIRECT) != 0) {
                indirect(memory.read64(d), Integer.toUnsignedLong(memory.read32(d + 8)), flags);
                break;
            }
            buffer(memory.read64(d), Integer.toUnsignedLong(memory.read32(d + 8)), (flags & F_WRITE) != 0);
            if ((flags & F_NEXT) == 0) {
                break;
            }
            i = memory.read16(d + 14) & 0xFFFF;
            if (i >= size) {
                throw new QueueError("next descriptor " + i + " is not below the queue size " + size);
            }
        }
        return new Chain(queue, head, memory, Arrays.copyOf(addrs, pieces), Arrays.copyOf(lens, pieces),
                readablePieces, readable, writable, buffers);
    }

    private void indirect(long addr, long len, int flags) throws QueueError {
        if (!indirectAllowed) {
            throw new QueueError("indirect descriptor without VIRTIO_F_RING_INDIRECT_DESC");
        }
        if ((flags & F_NEXT) != 0) {
            throw new QueueError("indirect descriptor with NEXT set");
        }
        if (len == 0 || len % 16 != 0 || len / 16 > size) {
            throw new QueueError("indirect table length " + len + " is not 16..16*queue size in steps of 16");
        }
        if (memory.layout().offsetOf(addr, len) < 0) {
            throw new QueueError("indirect table at 0x" + Long.toHexString(addr) + " is not in guest RAM");
        }
        int n = (int) (len / 16);
        int j = 0;
        for (int visited = 1; ; visited++) {
            if (visited > n) {
                throw new QueueError("indirect descriptor chain loops");
            }
            long d = addr + 16L * j;
            int f = memory.read16(d + 12) & 0xFFFF;
            if ((f & F_INDIRECT) != 0) {
                throw new QueueError("indirect descriptor inside an indirect table");
            }
            buffer(memory.read64(d), Integer.toUnsignedLong(memory.read32(d + 8)), (f & F_WRITE) != 0);
            if ((f & F_NEXT) == 0) {
                return;
            }
            j = memory.read16(d + 14) & 0xFFFF;
            if (j >= n) {
                throw new QueueError("indirect next " + j + " is outside the table of " + n);
            }
        }
    }

    private void buffer(long addr, long len, boolean write) throws QueueError {
        if (++buffers > size) {
            throw new QueueError("descriptor chain is longer than the queue size " + size);
        }
        if (write) {
            seenWritable = true;
            writable += len;
        } else if (seenWritable) {
            throw new QueueError("device-readable descriptor after a device-writable one");
        } else {
            readable += len;
        }
        if (readable + writable > MAX_CHAIN_BYTES) {
            throw new QueueError("descriptor chain is longer than 4 GiB");
        }
        if (len == 0) {
            return;
        }
        if (addr < 0 || addr > Long.MAX_VALUE - len) {
            throw new QueueError("buffer at 0x" + Long.toHexString(addr) + " overflows the address space");
        }
        split(addr, len, write);
    }

    /** Adds {@code [addr, addr + len)} as pieces that each lie in one RAM range. */
    private void split(long addr, long len, boolean write) throws QueueError {
        long a = addr;
        long left = len;
        while (left > 0) {
            RamRange r = rangeAt(a);
            if (r == null) {
                throw new QueueError("buffer 0x" + Long.toHexString(addr) + "+0x" + Long.toHexString(len)
                        + " is not in guest RAM");
            }
            long piece = Math.min(left, r.end() - a);
            add(a, piece, write);
            a += piece;
            left -= piece;
        }
    }

    private RamRange rangeAt(long gpa) {
        for (RamRange r : ranges) {
            if (gpa >= r.gpa() && gpa < r.end()) {
                return r;
            }
        }
        return null;
    }

    private void add(long addr, long len, boolean write) {
        if (pieces == addrs.length) {
            addrs = Arrays.copyOf(addrs, pieces * 2);
            lens = Arrays.copyOf(lens, pieces * 2);
        }
        addrs[pieces] = addr;
        lens[pieces] = len;
        pieces++;
        if (!write) {
            readablePieces = pieces;
        }
    }
}
