package org.jvmm.devices.virtio.driver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.guestmem.GuestMemory;

/**
 * The guest side of one split virtqueue, as a driver writes it: descriptors and the available ring in
 * test guest memory, and the used ring read back. Descriptors are taken from a free list and returned
 * when their chain comes back used.
 */
public final class MockVirtqueue {
    public static final int F_NEXT = 1;
    public static final int F_WRITE = 2;
    public static final int F_INDIRECT = 4;

    /** A buffer of a chain. */
    public record Buf(long gpa, long len, boolean writable) {
        public static Buf in(long gpa, long len) {
            return new Buf(gpa, len, false);
        }

        public static Buf out(long gpa, long len) {
            return new Buf(gpa, len, true);
        }
    }

    /** A used ring element. */
    public record Used(int id, int len) {
    }

    private final GuestMemory mem;
    private final int size;
    private final long desc;
    private final long avail;
    private final long used;
    private final Deque<Integer> free = new ArrayDeque<>();
    private final Map<Integer, List<Integer>> chains = new HashMap<>();
    private int availIdx;
    private int usedSeen;

    public MockVirtqueue(GuestMemory mem, int size, long desc, long avail, long used) {
        this.mem = mem;
        this.size = size;
        this.desc = desc;
        this.avail = avail;
        this.used = used;
        for (int i = 0; i < size; i++) {
            free.add(i);
        }
        mem.fill(desc, 16L * size, (byte) 0);
        mem.fill(avail, 6L + 2L * size, (byte) 0);
        mem.fill(used, 6L + 8L * size, (byte) 0);
    }

    /** Lays a queue of {@code size} out at {@code base}: descriptors, then avail, then used (4-aligned). */
    public static MockVirtqueue at(GuestMemory mem, long base, int size) {
        long a = base + 16L * size;
        long u = (a + 6 + 2L * size + 3) & ~3L;
        return new MockVirtqueue(mem, size, base, a, u);
    }

    public int size() {
        return size;
    }

    public long desc() {
        return desc;
    }

    public long avail() {
        return avail;
    }

    public long used() {
        return used;
    }

    /** Adds a chain of direct descriptors and makes it available; returns its head. */
    public int add(Buf... bufs) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < bufs.length; i++) {
            ids.add(free.pop());
        }
        for (int i = 0; i < bufs.length; i++) {
            boolean last = i == bufs.length - 1;
            writeDesc(ids.get(i), bufs[i].gpa(), bufs[i].len(), (bufs[i].writable() ? F_WRITE : 0) | (last ? 0 : F_NEXT),
                    last ? 0 : ids.get(i + 1));
        }
        chains.put(ids.getFirst(), ids);
        publish(ids.getFirst());
        return ids.getFirst();
    }

    /** Adds a chain through an indirect table written at {@code table}; returns its head. */
    public int addIndirect(long table, Buf... bufs) {
        for (int i = 0; i < bufs.length; i++) {
            boolean last = i == bufs.length - 1;
            writeDescAt(table + 16L * i, bufs[i].gpa(), bufs[i].len(),
                    (bufs[i].writable() ? F_WRITE : 0) | (last ? 0 : F_NEXT), last ? 0 : i + 1);
        }
        int head = free.pop();
        writeDesc(head, table, 16L * bufs.length, F_INDIRECT, 0);
        chains.put(head, List.of(head));
        publish(head);
        return head;
    }

    /** Writes descriptor {@code i} as given (for malformed chains). */
    public void writeDesc(int i, long addr, long len, int flags, int next) {
        writeDescAt(desc + 16L * i, addr, len, flags, next);
    }

    private void writeDescAt(long at, long addr, long len, int flags, int next) {
        mem.write64(at, addr);
        mem.write32(at + 8, (int) len);
        mem.write16(at + 12, (short) flags);
        mem.write16(at + 14, (short) next);
    }

    /** Puts {@code head} in the available ring and bumps the index. */
    public void publish(int head) {
        mem.write16(avail + 4 + 2L * (availIdx % size), (short) head);
        availIdx = (availIdx + 1) & 0xFFFF;
        mem.write16(avail + 2, (short) availIdx);
    }

    /** Sets the available index directly (to test bogus moves). */
    public void setAvailIdx(int idx) {
        availIdx = idx & 0xFFFF;
        mem.write16(avail + 2, (short) availIdx);
    }

    /** VIRTQ_AVAIL_F_NO_INTERRUPT. */
    public void setNoInterrupt(boolean on) {
        mem.write16(avail, (short) (on ? 1 : 0));
    }

    /** used_event (with VIRTIO_F_EVENT_IDX). */
    public void setUsedEvent(int idx) {
        mem.write16(avail + 4 + 2L * size, (short) idx);
    }

    /** avail_event as the device last wrote it. */
    public int availEvent() {
        return mem.read16(used + 4 + 8L * size) & 0xFFFF;
    }

    public int usedIdx() {
        return mem.read16(used + 2) & 0xFFFF;
    }

    /** The used elements the device added since the last call; their descriptors are freed. */
    public List<Used> takeUsed() {
        List<Used> out = new ArrayList<>();
        int idx = usedIdx();
        while (usedSeen != idx) {
            long e = used + 4 + 8L * (usedSeen % size);
            Used u = new Used(mem.read32(e), mem.read32(e + 4));
            out.add(u);
            List<Integer> ids = chains.remove(u.id());
            if (ids != null) {
                free.addAll(ids);
            }
            usedSeen = (usedSeen + 1) & 0xFFFF;
        }
        return out;
    }
}
