package org.jvmm.hv.emu.impl.cpu.mmu;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which RAM holds decoded code, at 64-byte granularity, and a generation number per 4 KiB page that
 * changes whenever decoded code in it is overwritten. Decoded blocks remember the generation they
 * were decoded at; a block whose page generation moved on is stale. A write into a code page that
 * does not touch decoded bytes (data next to code) leaves the blocks alone. Pages are indexed by
 * their offset in the RAM segment. Shared by all processors of a machine.
 */
public final class CodePages {

    private final int[] gen;
    /** Per page: bit n set when bytes [64n, 64n + 64) hold decoded code. */
    private final long[] chunks;
    private final List<Mmu> mmus = new CopyOnWriteArrayList<>();

    public CodePages(long ramBytes) {
        int pages = (int) Math.min(Integer.MAX_VALUE - 8, (ramBytes + 0xFFF) >>> 12);
        gen = new int[pages];
        chunks = new long[pages];
    }

    void register(Mmu mmu) {
        mmus.add(mmu);
    }

    /** Generation of the page holding RAM offset {@code host}. */
    public int gen(long host) {
        return gen[(int) (host >>> 12)];
    }

    public boolean isCode(long host) {
        return chunks[(int) (host >>> 12)] != 0;
    }

    /** Bits of the 64-byte chunks covering [{@code off}, {@code off + length}) within one page. */
    private static long span(int off, int length) {
        int first = off >>> 6;
        int last = (off + length - 1) >>> 6;
        long upTo = last == 63 ? -1L : (1L << (last + 1)) - 1;
        return upTo & (-1L << first);
    }

    /**
     * Records that {@code length} bytes of code at {@code host} (within one page) were decoded: CPU
     * writes to the page now take the checked path.
     */
    public void markCode(long host, int length) {
        int p = (int) (host >>> 12);
        boolean wasCode = chunks[p] != 0;
        chunks[p] |= span((int) (host & 0xFFF), Math.max(1, length));
        if (!wasCode) {
            for (Mmu m : mmus) {
                m.dropWritable(host & ~0xFFFL);
            }
        }
    }

    /**
     * A CPU writes {@code size} bytes at {@code host} in a page that holds code: returns true (and makes
     * the page's blocks stale) when the write touches decoded bytes.
     */
    public boolean written(long host, int size) {
        int p = (int) (host >>> 12);
        int off = (int) (host & 0xFFF);
        long hit = span(off, Math.min(size, 0x1000 - off)) & chunks[p];
        if (hit == 0) {
            return false;
        }
        chunks[p] = 0;
        gen[p]++;
        return true;
    }

    /**
     * Something other than a CPU (device DMA, a loader) wrote guest RAM at offsets
     * [{@code host}, {@code host + length}): decoded code there becomes stale. Writers that bypass the
     * CPUs must call this; it costs one array read per page when the pages hold no code.
     */
    public void invalidateRange(long host, long length) {
        if (length <= 0) {
            return;
        }
        int first = (int) (host >>> 12);
        int last = (int) Math.min(chunks.length - 1, (host + length - 1) >>> 12);
        for (int p = first; p <= last; p++) {
            if (chunks[p] != 0) {
                chunks[p] = 0;
                gen[p]++;
            }
        }
    }

    /** Makes all decoded code in the page holding {@code host} stale. */
    public void invalidate(long host) {
        int p = (int) (host >>> 12);
        chunks[p] = 0;
        gen[p]++;
    }
}
