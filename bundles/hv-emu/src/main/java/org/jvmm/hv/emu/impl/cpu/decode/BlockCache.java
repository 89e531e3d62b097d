package org.jvmm.hv.emu.impl.cpu.decode;

import java.util.Arrays;
import org.jvmm.hv.emu.impl.cpu.mmu.CodePages;

/** Direct-mapped cache of decoded blocks keyed by RAM offset. */
public final class BlockCache {

    private static final int BITS = 17;
    private final Block[] table = new Block[1 << BITS];
    private final CodePages code;

    public BlockCache(CodePages code) {
        this.code = code;
    }

    private static int index(long host) {
        return (int) ((host * 0x9E37_79B9_7F4A_7C15L) >>> (64 - BITS));
    }

    /** The valid block for this entry point, or null. */
    public Block get(long host, long rip, int codeSize) {
        Block b = table[index(host)];
        if (b != null && b.host == host && b.rip == rip && b.codeSize == codeSize && b.gen == code.gen(host)
                && (b.host2 < 0 || b.gen2 == code.gen(b.host2))) {
            return b;
        }
        return null;
    }

    public void put(Block b) {
        table[index(b.host)] = b;
    }

    public void clear() {
        Arrays.fill(table, null);
    }
}
