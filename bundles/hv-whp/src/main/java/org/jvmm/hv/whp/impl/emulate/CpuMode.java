package org.jvmm.hv.whp.impl.emulate;

/** The code size an instruction executes in: default operand and address sizes. */
public enum CpuMode {
    BITS16(2, 2), BITS32(4, 4), BITS64(4, 8);

    private final int operandSize;
    private final int addressSize;

    CpuMode(int operandSize, int addressSize) {
        this.operandSize = operandSize;
        this.addressSize = addressSize;
    }

    public int defaultOperandSize() {
        return operandSize;
    }

    public int defaultAddressSize() {
        return addressSize;
    }

    /**
     * The mode from the processor state: 64-bit in long mode with CS.L, else 32-bit with CS.D/B in
     * protected mode, else 16-bit (real mode, virtual-8086 mode, 16-bit protected mode).
     */
    public static CpuMode of(boolean protectedMode, boolean longModeActive, boolean csLong, boolean csDefaultBig,
            boolean virtual8086) {
        if (longModeActive && csLong) {
            return BITS64;
        }
        if (!protectedMode || virtual8086) {
            return BITS16;
        }
        return csDefaultBig ? BITS32 : BITS16;
    }
}
