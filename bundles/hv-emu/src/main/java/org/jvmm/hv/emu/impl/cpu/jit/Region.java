package org.jvmm.hv.emu.impl.cpu.jit;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.hv.emu.impl.cpu.decode.Block;
import org.jvmm.hv.emu.impl.cpu.decode.BlockCache;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.decode.Op;

/**
 * What one translation covers: a hot entry block and the blocks it branches to directly (and they in
 * turn) that lie in the same 4 KiB code page, were decoded from the same page generation and have run
 * often enough themselves. Being in the entry's page, they share its validity: code written there
 * makes the entry block (and with it the translation) stale.
 *
 * @param blocks       the entry first, then the others in discovery order
 * @param instructions all their instructions, concatenated in that order
 */
record Region(List<Block> blocks, Insn[] instructions) {

    static final int MAX_BLOCKS = 16;
    static final int MAX_INSTRUCTIONS = 192;

    Block entry() {
        return blocks.get(0);
    }

    /** The index of the block starting at {@code rip}, or -1. */
    int indexOf(long rip) {
        for (int k = 0; k < blocks.size(); k++) {
            if (blocks.get(k).rip == rip) {
                return k;
            }
        }
        return -1;
    }

    /** The entry block alone. */
    static Region single(Block entry) {
        return of(List.of(entry));
    }

    /**
     * The region reachable from {@code entry} through the decoded blocks in {@code cache} that ran at
     * least {@code minExecs} times.
     */
    static Region discover(Block entry, BlockCache cache, int minExecs) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(entry);
        if (entry.codeSize != 8) {
            return of(blocks);
        }
        int insns = entry.count;
        for (int next = 0; next < blocks.size() && blocks.size() < MAX_BLOCKS; next++) {
            Insn last = blocks.get(next).insns[blocks.get(next).count - 1];
            for (long target : targets(last)) {
                Block t = candidate(entry, cache, target, minExecs);
                if (t != null && !contains(blocks, t.rip) && insns + t.count <= MAX_INSTRUCTIONS
                        && blocks.size() < MAX_BLOCKS) {
                    blocks.add(t);
                    insns += t.count;
                }
            }
        }
        return of(blocks);
    }

    private static Region of(List<Block> blocks) {
        int total = 0;
        for (Block b : blocks) {
            total += b.count;
        }
        Insn[] all = new Insn[total];
        int at = 0;
        for (Block b : blocks) {
            System.arraycopy(b.insns, 0, all, at, b.count);
            at += b.count;
        }
        return new Region(List.copyOf(blocks), all);
    }

    private static boolean contains(List<Block> blocks, long rip) {
        for (Block b : blocks) {
            if (b.rip == rip) {
                return true;
            }
        }
        return false;
    }

    /** Where a block ending in {@code last} continues, when that is known without running it. */
    private static long[] targets(Insn last) {
        return switch (last.op) {
            case Op.JCC -> new long[] {last.nextRip, last.imm};
            case Op.JMP_REL, Op.F_CALL64 -> new long[] {last.imm};
            default -> last.ends ? new long[0] : new long[] {last.nextRip};
        };
    }

    private static Block candidate(Block entry, BlockCache cache, long rip, int minExecs) {
        if (((rip ^ entry.rip) & ~0xFFFL) != 0) {
            return null;
        }
        long host = entry.host + (rip - entry.rip);
        Block t = cache.get(host, rip, entry.codeSize);
        if (t == null || t.host2 >= 0 || t.gen != entry.gen || t.execs < minExecs) {
            return null;
        }
        return t;
    }
}
