package org.jvmm.hv.emu.impl.cpu.decode;

/**
 * One decoded instruction. Allocated when its block is decoded and reused for every execution; the
 * interpreter reads these fields and never allocates.
 */
public final class Insn {

    // prefix bits
    public static final int REP = 1, REPNE = 2, LOCK = 4, REX = 8, REXW = 16;

    /** Operation, one of {@link Op}. */
    public int op;
    /** Sub-operation: ALU kind, condition code, shift kind, group index, SSE/x87 operation, ... */
    public int ext;
    /** Operand size in bytes (1, 2, 4, 8; 16 for XMM-sized operands). */
    public int osz;
    /** Address size in bytes (2, 4, 8). */
    public int asz;
    /** Register operand; for byte operands 16..19 are AH, CH, DH, BH. */
    public int reg;
    /** Register in ModRM.rm when {@link #mem} is false (same byte encoding as {@link #reg}). */
    public int rm;
    /** The ModRM operand is memory: base, index, scale, disp and seg describe it. */
    public boolean mem;
    public int base;
    public int index;
    public int scale;
    /** Segment of the memory operand, or -1 for a flat 64-bit address (base 0). */
    public int seg;
    /** Displacement; for RIP-relative operands the absolute address. */
    public long disp;
    /** Immediate, or the absolute target of a relative branch. */
    public long imm;
    /** Second immediate (far selector, ENTER nesting level). */
    public int imm2;
    public int prefix;
    public int len;
    /** Address (offset in CS) of this instruction and of the next one. */
    public long rip;
    public long nextRip;
    /** The instruction always transfers control or changes state that ends a block. */
    public boolean ends;

    void clear() {
        op = Op.UD;
        ext = 0;
        osz = 4;
        asz = 4;
        reg = 0;
        rm = 0;
        mem = false;
        base = -1;
        index = -1;
        scale = 0;
        seg = -1;
        disp = 0;
        imm = 0;
        imm2 = 0;
        prefix = 0;
        len = 0;
        ends = false;
    }

    @Override
    public String toString() {
        return Op.name(op) + "/" + ext + " osz=" + osz + " len=" + len + " rip=" + Long.toHexString(rip);
    }
}
