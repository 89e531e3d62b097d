package org.jvmm.hv.emu.impl.cpu.decode;

import org.jvmm.hv.emu.impl.cpu.jit.CompiledBlock;
import org.jvmm.hv.emu.impl.cpu.mmu.CodePages;

/**
 * A run of decoded instructions from one code page, ending at a control transfer, the page end or a
 * size cap. Keyed by the RAM offset of its first byte, its CS offset and the code size; valid while
 * the generation of its page(s) is unchanged.
 */
public final class Block {

    public static final int MAX_INSNS = 64;

    public final Insn[] insns;
    public final int count;
    public final long host;
    public final long rip;
    public final int codeSize;
    public final int gen;
    /** RAM offset and linear address of the second page when the last instruction crosses into it; else -1. */
    public final long host2;
    public final long lin2;
    public final int gen2;
    /** Executions so far (counted up to the translation threshold). */
    public int execs;
    /** The translation of this block, or null while it is interpreted. */
    public volatile CompiledBlock compiled;
    /** Two recently taken successors in the same code page (block chaining). */
    private Block succ0;
    private Block succ1;
    private boolean replaceSecond;
    /** Two recently taken successors in other code pages (chained after a check of their mapping). */
    private Block far0;
    private Block far1;
    private boolean replaceFar;

    Block(Insn[] insns, int count, long host, long rip, int codeSize, int gen, long host2, long lin2, int gen2) {
        this.insns = insns;
        this.count = count;
        this.host = host;
        this.rip = rip;
        this.codeSize = codeSize;
        this.gen = gen;
        this.host2 = host2;
        this.lin2 = lin2;
        this.gen2 = gen2;
    }

    /**
     * A chained successor starting at {@code rip} that is still valid, or null. Only blocks of the same
     * code page (same linear-to-RAM mapping as this one) are chained, so no TLB lookup is needed.
     */
    public Block successor(long rip, CodePages code) {
        Block b = succ0;
        if (b != null && b.rip == rip && b.gen == code.gen(b.host)) {
            return b;
        }
        b = succ1;
        if (b != null && b.rip == rip && b.gen == code.gen(b.host)) {
            return b;
        }
        return null;
    }

    /**
     * A chained successor in another code page starting at {@code rip} whose code is unchanged, or null.
     * The caller still checks that the linear page of {@code rip} maps to the block's page.
     */
    public Block farSuccessor(long rip, CodePages code) {
        Block b = far0;
        if (b != null && b.rip == rip && b.gen == code.gen(b.host)) {
            return b;
        }
        b = far1;
        if (b != null && b.rip == rip && b.gen == code.gen(b.host)) {
            return b;
        }
        return null;
    }

    /** Remembers {@code next} as a successor: a near one when it lies in this block's code page, else a far one. */
    public void link(Block next) {
        if (next.host2 >= 0 || host2 >= 0 || next.codeSize != codeSize) {
            return;
        }
        if ((next.host >>> 12) != (host >>> 12)) {
            if (replaceFar) {
                far1 = next;
            } else {
                far0 = next;
            }
            replaceFar = !replaceFar;
            return;
        }
        if (next.host - next.rip != host - rip) {
            return;
        }
        if (replaceSecond) {
            succ1 = next;
        } else {
            succ0 = next;
        }
        replaceSecond = !replaceSecond;
    }
}
