package org.jvmm.devices.virtio.impl.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.guestmem.GuestMemory;

/**
 * The driver's side of one queue in a fuzz run: 8 KiB buffer slots and indirect tables that are reused
 * as chains come back, and what each outstanding chain holds.
 */
final class FuzzRing {
    static final int SLOT = 8192;
    static final int SLOTS = 64;

    /** An outstanding chain: its buffers, the slots they use, and for transmits the frame's sequence number (-1 if invalid). */
    record Posted(int head, List<Buf> bufs, List<Integer> slots, int descriptors, int seq, byte[] bytes) {
        long writable() {
            return bufs.stream().filter(Buf::writable).mapToLong(Buf::len).sum();
        }
    }

    private final GuestMemory mem;
    private final long slotBase;
    private final long tableBase;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final Map<Integer, Posted> posted = new HashMap<>();
    final MockVirtqueue vq;
    private int freeDescriptors;

    FuzzRing(GuestMemory mem, MockVirtqueue vq, long slotBase, long tableBase) {
        this.mem = mem;
        this.vq = vq;
        this.slotBase = slotBase;
        this.tableBase = tableBase;
        this.freeDescriptors = vq.size();
        for (int i = 0; i < SLOTS; i++) {
            free.add(i);
        }
    }

    /** Whether a chain of {@code buffers} buffers fits now (indirect chains take one descriptor). */
    boolean fits(int buffers, boolean indirect) {
        return free.size() >= buffers && freeDescriptors >= (indirect ? 1 : buffers) && buffers <= vq.size();
    }

    /**
     * Posts a chain: buffer {@code i} has {@code lens[i]} bytes, writable per {@code writable[i]}, holding
     * {@code content[i]} (or {@code fill} bytes when null). The caller checked {@link #fits}.
     */
    Posted post(int[] lens, boolean[] writable, byte[][] content, byte fill, boolean indirect, int seq, byte[] bytes) {
        List<Buf> bufs = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < lens.length; i++) {
            int slot = free.pop();
            slots.add(slot);
            long at = slotBase + (long) SLOT * slot;
            mem.fill(at, SLOT, fill);
            if (content != null && content[i] != null) {
                mem.write(at, content[i], 0, content[i].length);
            }
            bufs.add(new Buf(at, lens[i], writable[i]));
        }
        Buf[] array = bufs.toArray(Buf[]::new);
        int head = indirect ? vq.addIndirect(tableBase + 256L * slots.getFirst(), array) : vq.add(array);
        int descriptors = indirect ? 1 : lens.length;
        freeDescriptors -= descriptors;
        Posted p = new Posted(head, List.copyOf(bufs), slots, descriptors, seq, bytes);
        posted.put(head, p);
        return p;
    }

    /** The chain the device returned as {@code head}; an AssertionError if none is outstanding there. */
    Posted returned(int head) {
        Posted p = posted.remove(head);
        if (p == null) {
            throw new AssertionError("queue " + vq + ": used element names head " + head + ", which is not outstanding");
        }
        free.addAll(p.slots());
        freeDescriptors += p.descriptors();
        return p;
    }

    /** Bytes {@code [from, to)} of the chain's writable buffers, in order. */
    byte[] writableBytes(Posted p, long from, long to) {
        byte[] out = new byte[(int) (to - from)];
        long at = 0;
        int done = 0;
        for (Buf b : p.bufs()) {
            if (!b.writable()) {
                continue;
            }
            long s = Math.max(from, at);
            long e = Math.min(to, at + b.len());
            if (s < e) {
                mem.read(b.gpa() + (s - at), out, done, (int) (e - s));
                done += (int) (e - s);
            }
            at += b.len();
        }
        return out;
    }

    GuestMemory mem() {
        return mem;
    }
}
