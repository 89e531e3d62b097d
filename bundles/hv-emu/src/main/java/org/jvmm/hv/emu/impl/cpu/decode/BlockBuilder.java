package org.jvmm.hv.emu.impl.cpu.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.jvmm.hv.emu.impl.cpu.mmu.CodePages;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;

/** Decodes a block starting at a code address. */
public final class BlockBuilder {

    private final Decoder decoder = new Decoder();
    private final Insn[] scratch = new Insn[Block.MAX_INSNS];
    private final Mmu mmu;
    private final MemorySegment ram;
    private final CodePages code;

    public BlockBuilder(Mmu mmu) {
        this.mmu = mmu;
        this.ram = mmu.ram();
        this.code = mmu.codePages();
    }

    /**
     * Decodes from RAM offset {@code host} (linear address {@code lin}, CS offset {@code rip}). Returns
     * null when fetching the second page of the first instruction faulted (the fault is pending), or
     * when it is not RAM ({@code nonRam} is then set).
     */
    public Block build(long host, long lin, long rip, int codeSize, boolean long64) {
        byte[] buf = decoder.buffer();
        int pageLeft = 0x1000 - (int) (lin & 0xFFF);
        int off = 0;
        int count = 0;
        long host2 = -1;
        long lin2 = -1;
        long cur = rip;
        while (count < Block.MAX_INSNS) {
            int n = Math.min(16, pageLeft - off);
            MemorySegment.copy(ram, ValueLayout.JAVA_BYTE, host + off, buf, 0, n);
            int availBytes = n;
            if (n < 16 && host2 >= 0) {
                int more = 16 - n;
                MemorySegment.copy(ram, ValueLayout.JAVA_BYTE, host2 + (off + n - pageLeft), buf, n, more);
                availBytes = 16;
            }
            Arrays.fill(buf, availBytes, buf.length, (byte) 0);
            Insn in = new Insn();
            int len = decoder.decode(in, availBytes, cur, codeSize);
            if (len == Decoder.NEED_MORE) {
                if (count > 0 || host2 >= 0) {
                    break;
                }
                lin2 = (lin | 0xFFF) + 1;
                if (!long64) {
                    lin2 &= 0xFFFF_FFFFL;
                }
                host2 = mmu.hostForFetch(lin2);
                if (host2 < 0) {
                    nonRam = host2 == Mmu.NOT_RAM;
                    return null;
                }
                continue;
            }
            Specializer.specialize(in, long64);
            scratch[count++] = in;
            off += len;
            cur = in.nextRip;
            if (in.ends || off >= pageLeft) {
                break;
            }
        }
        code.markCode(host, Math.min(off, pageLeft));
        int gen2 = 0;
        if (host2 >= 0) {
            code.markCode(host2, Math.max(1, off - pageLeft));
            gen2 = code.gen(host2);
        }
        return new Block(Arrays.copyOf(scratch, count), count, host, rip, codeSize, code.gen(host), host2, lin2, gen2);
    }

    /** The last {@link #build} failed because code continued into non-RAM. */
    public boolean nonRam;
}
