package org.jvmm.hv.emu.diff;

/** An instruction operand for {@link Code}: a register or a memory reference. */
sealed interface Opnd permits Opnd.Reg, Opnd.Mem {

    int NONE = -1, RIP = -2;

    /**
     * A general register (size 1, 2, 4 or 8) or an XMM register (size 16). {@code high} marks AH, CH,
     * DH or BH (encoded as 4..7 without REX); {@code n} is then 4..7.
     */
    record Reg(int n, int size, boolean high) implements Opnd {

        static Reg of(int n, int size) {
            return new Reg(n, size, false);
        }

        /** The general register whose bits this is (AH is part of RAX). */
        int gpr() {
            return high ? n - 4 : n;
        }

        /** SPL, BPL, SIL, DIL and R8..R15 need a REX prefix. */
        boolean needsRex() {
            return !high && (n >= 8 || size == 1 && n >= 4);
        }
    }

    /**
     * A memory reference: base (a register, {@link #NONE} or {@link #RIP}), index ({@link #NONE} or a
     * register other than RSP), scale, displacement of {@code dispSize} bytes (0, 1 or 4), an optional
     * segment-override prefix byte (0 for none), whether it uses 32-bit addressing (0x67 prefix);
     * {@code target} is the linear address it designates (for RIP-relative operands the displacement
     * is derived from it when the instruction is encoded).
     */
    record Mem(int base, int index, int scale, long disp, int dispSize, int seg, boolean addr32, long target)
            implements Opnd {
    }
}
