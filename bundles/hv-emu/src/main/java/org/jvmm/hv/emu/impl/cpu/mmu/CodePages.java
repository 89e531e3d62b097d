package org.jvmm.hv.emu.impl.cpu.mmu;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which RAM pages hold decoded code, and a generation number per page that changes whenever such a
 * page is written. Decoded blocks remember the generation they were decoded at; a block whose page
 * generation moved on is stale. Pages are indexed by their offset in the RAM segment.
 */
public final class CodePages {

    private final int[] gen;
    private final boolean[] code;
    private final List<Mmu> mmus = new CopyOnWriteArrayList<>();

    public CodePages(long ramBytes) {
        int pages = (int) Math.min(Integer.MAX_VALUE - 8, (ramBytes + 0xFFF) >>> 12);
        gen = new int[pages];
        code = new boolean[pages];
    }

    void register(Mmu mmu) {
        mmus.add(mmu);
    }

    /** Generation of the page holding RAM offset {@code host}. */
    public int gen(long host) {
        return gen[(int) (host >>> 12)];
    }

    public boolean isCode(long host) {
        return code[(int) (host >>> 12)];
    }

    /** Records that code was decoded from this page: writes to it must now take the slow path. */
    public void markCode(long host) {
        int p = (int) (host >>> 12);
        if (!code[p]) {
            code[p] = true;
            for (Mmu m : mmus) {
                m.dropWritable(host & ~0xFFFL);
            }
        }
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
        int last = (int) Math.min(code.length - 1, (host + length - 1) >>> 12);
        for (int p = first; p <= last; p++) {
            if (code[p]) {
                code[p] = false;
                gen[p]++;
            }
        }
    }

    /** A page holding code is being written: its decoded blocks become stale. */
    public void invalidate(long host) {
        int p = (int) (host >>> 12);
        code[p] = false;
        gen[p]++;
    }
}
