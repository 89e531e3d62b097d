package org.jvmm.hv.whp.impl.emulate;

/** Register operands of a given size, with x86's rules for partial writes. */
public final class Operands {
    static final int RAX = 0;
    static final int RCX = 1;
    static final int RSI = 6;
    static final int RDI = 7;

    private Operands() {
    }

    /**
     * Reads register {@code reg} as a {@code size}-byte operand. Byte registers 4-7 are AH, CH, DH, BH
     * without a REX prefix.
     */
    static long read(EmulatorCpu cpu, int reg, int size, boolean rex) {
        if (size == 1 && !rex && reg >= 4 && reg < 8) {
            return (cpu.gpr(reg - 4) >>> 8) & 0xFF;
        }
        return cpu.gpr(reg) & Alu.mask(size);
    }

    /**
     * Writes {@code value} to register {@code reg} as a {@code size}-byte operand: 1- and 2-byte writes
     * keep the other bits, 4-byte writes clear bits 63:32 (as in 64-bit mode), 8-byte writes replace all.
     */
    static void write(EmulatorCpu cpu, int reg, int size, boolean rex, long value) {
        if (size == 1 && !rex && reg >= 4 && reg < 8) {
            long old = cpu.gpr(reg - 4);
            cpu.setGpr(reg - 4, (old & ~0xFF00L) | ((value & 0xFF) << 8));
            return;
        }
        cpu.setGpr(reg, merge(cpu.gpr(reg), size, value));
    }

    /** {@code old} with its low {@code size} bytes replaced, zero-extended for size 4. */
    public static long merge(long old, int size, long value) {
        return switch (size) {
            case 1, 2 -> (old & ~Alu.mask(size)) | (value & Alu.mask(size));
            case 4 -> value & 0xFFFF_FFFFL;
            default -> value;
        };
    }

    static long signExtend(long value, int size) {
        int shift = 64 - 8 * size;
        return value << shift >> shift;
    }
}
