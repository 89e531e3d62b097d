package org.jvmm.devices.virtio.impl.fuzz;

import static org.jvmm.devices.virtio.impl.fuzz.FuzzLayout.*;

import java.util.Random;
import org.jvmm.guestmem.GuestMemory;

/**
 * Writes random descriptor chains the way a buggy or hostile driver might: mostly well-formed chains
 * of plausible buffers, mixed with loops, bad indices, bad flags, misordered buffers, indirect tables
 * of odd sizes and nesting, buffers outside RAM, bogus heads and available-index jumps. Descriptors
 * and indirect tables stay in their own areas and never name the canary, so any device write outside
 * the used rings and buffer areas is a device bug.
 */
final class ChainGenerator {
    private static final int F_NEXT = 1;
    private static final int F_WRITE = 2;
    private static final int F_INDIRECT = 4;

    private final GuestMemory mem;
    private final FuzzTarget target;

    ChainGenerator(GuestMemory mem, FuzzTarget target) {
        this.mem = mem;
        this.target = target;
    }

    /** Adds 1..4 chains to queue {@code q} (size {@code size}); returns the available index now published. */
    int add(Random r, int q, int size, int availIdx) {
        int idx = availIdx;
        int chains = 1 + r.nextInt(4);
        int[] free = permutation(r, size);
        int used = 0;
        for (int c = 0; c < chains && used < size; c++) {
            int head;
            if (r.nextInt(100) < 85) {
                int len = Math.min(r.nextInt(8) == 0 ? 1 : 2 + r.nextInt(4), size - used);
                head = cleanChain(r, q, free, used, len);
                used += len;
            } else {
                head = hostileChain(r, q, size);
                used = size;
            }
            int slot = r.nextInt(40) == 0 ? r.nextInt(size + 8) : head;
            mem.write16(avail(q) + 4 + 2L * (idx % size), (short) slot);
            idx = (idx + 1) & 0xFFFF;
        }
        if (r.nextInt(40) == 0) {
            idx = r.nextInt(0x10000);
        }
        mem.write16(avail(q) + 2, (short) idx);
        if (r.nextInt(4) == 0) {
            mem.write16(avail(q), (short) r.nextInt(2));
        }
        if (r.nextInt(4) == 0) {
            mem.write16(avail(q) + 4 + 2L * size, (short) (idx - r.nextInt(4)));
        }
        return idx;
    }

    /**
     * A well-formed chain on descriptors {@code free[from, from + len)}: readable buffers, then writable
     * ones, all in the buffer areas; short header-like first and status-like last buffers are common.
     */
    private int cleanChain(Random r, int q, int[] free, int from, int len) {
        int readable = len == 1 ? r.nextInt(2) : 1 + r.nextInt(len - 1);
        for (int k = 0; k < len; k++) {
            boolean last = k == len - 1;
            boolean w = k >= readable;
            long bufLen = k == 0 && !w && r.nextBoolean() ? 16 : last && w && r.nextBoolean() ? 1 : cleanLength(r);
            long addr = cleanAddress(r, bufLen);
            if (!w) {
                target.payload(r, mem, addr, bufLen);
            }
            writeDesc(desc(q) + 16L * free[from + k], addr, bufLen, (w ? F_WRITE : 0) | (last ? 0 : F_NEXT),
                    last ? 0 : free[from + k + 1]);
        }
        return free[from];
    }

    private static long cleanLength(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> 512L * (1 + r.nextInt(8));
            case 1 -> 1 + r.nextInt(64);
            default -> 1 + r.nextInt(0x2000);
        };
    }

    /** A buffer of {@code len} (at most 0x2000) entirely inside one buffer area. */
    private static long cleanAddress(Random r, long len) {
        return r.nextInt(4) == 0
                ? BUFFERS_LOW + r.nextInt((int) (LOW_END - BUFFERS_LOW - len + 1))
                : HIGH + r.nextInt((int) (HIGH_END - HIGH - len + 1));
    }

    private static int[] permutation(Random r, int size) {
        int[] p = new int[size];
        for (int i = 0; i < size; i++) {
            int j = r.nextInt(i + 1);
            p[i] = p[j];
            p[j] = i;
        }
        return p;
    }

    private int hostileChain(Random r, int q, int size) {
        int len = r.nextInt(8) == 0 ? 1 + r.nextInt(size + 2) : 1 + r.nextInt(Math.min(size, 5));
        int head = r.nextInt(size);
        int cur = head;
        boolean writable = false;
        for (int k = 0; k < len; k++) {
            boolean last = k == len - 1;
            int next = r.nextInt(12) == 0 ? r.nextInt(size + 4) : r.nextInt(size);
            writable |= r.nextInt(3) == 0;
            long at = desc(q) + 16L * cur;
            if (last && r.nextInt(6) == 0) {
                indirect(r, at, size, r.nextInt(20) == 0 ? F_NEXT : 0, next);
            } else {
                boolean w = r.nextInt(25) == 0 ? !writable : writable;
                int flags = (w ? F_WRITE : 0) | (last ? 0 : F_NEXT);
                if (r.nextInt(30) == 0) {
                    flags ^= 1 << r.nextInt(16);
                }
                buffer(r, at, flags, next);
            }
            cur = next % size;
        }
        return head;
    }

    /** A descriptor naming an indirect table (filled here), mostly in the indirect area. */
    private void indirect(Random r, long at, int size, int extraFlags, int next) {
        long table = r.nextInt(20) == 0 ? LOW_END + 16L * r.nextInt(0x1000) : INDIRECT + 16L * r.nextInt(512);
        int n = 1 + r.nextInt(Math.min(size + 2, 12));
        if (table < INDIRECT_END) {
            n = (int) Math.min(n, (INDIRECT_END - table) / 16);
        }
        long len = switch (r.nextInt(12)) {
            case 0 -> 0;
            case 1 -> 16L * n - 1 - r.nextInt(15);
            default -> 16L * n;
        };
        if (table < INDIRECT_END) {
            boolean writable = false;
            for (int i = 0; i < n; i++) {
                boolean last = i == n - 1;
                writable |= r.nextInt(3) == 0;
                int flags = (writable ? F_WRITE : 0) | (last && r.nextInt(10) != 0 ? 0 : F_NEXT);
                if (r.nextInt(25) == 0) {
                    flags |= F_INDIRECT;
                }
                int inext = r.nextInt(10) == 0 ? r.nextInt(n + 3) : Math.min(i + 1, n - 1) + (r.nextInt(8) == 0 ? -1 : 0);
                buffer(r, table + 16L * i, flags, Math.max(inext, 0));
            }
        }
        writeDesc(at, table, len, F_INDIRECT | extraFlags, next);
    }

    private void buffer(Random r, long at, int flags, int next) {
        long[] b = FuzzLayout.buffer(r);
        if ((flags & F_WRITE) == 0 && inBufferArea(b[0], b[1])) {
            target.payload(r, mem, b[0], b[1]);
        }
        writeDesc(at, b[0], b[1], flags, next);
    }

    private static boolean inBufferArea(long addr, long len) {
        return len > 0 && (addr >= BUFFERS_LOW && addr + len <= LOW_END || addr >= HIGH && addr + len <= HIGH_END);
    }

    private void writeDesc(long at, long addr, long len, int flags, int next) {
        mem.write64(at, addr);
        mem.write32(at + 8, (int) len);
        mem.write16(at + 12, (short) flags);
        mem.write16(at + 14, (short) next);
    }
}
