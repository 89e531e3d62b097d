package org.jvmm.hv.whp.impl.emulate;

/** How an emulated opcode is encoded: ModRM or not, byte operand or not, what immediate follows. */
record Form(boolean modrm, boolean byteOperand, Imm immediate) {
    enum Imm { NONE, BYTE, FULL, MOFFS }

    private static final Form RM_BYTE = new Form(true, true, Imm.NONE);
    private static final Form RM_FULL = new Form(true, false, Imm.NONE);
    private static final Form RM_BYTE_IMM8 = new Form(true, true, Imm.BYTE);
    private static final Form RM_FULL_IMM8 = new Form(true, false, Imm.BYTE);
    private static final Form RM_FULL_IMM = new Form(true, false, Imm.FULL);
    private static final Form MOFFS_BYTE = new Form(false, true, Imm.MOFFS);
    private static final Form MOFFS_FULL = new Form(false, false, Imm.MOFFS);
    private static final Form STRING_BYTE = new Form(false, true, Imm.NONE);
    private static final Form STRING_FULL = new Form(false, false, Imm.NONE);

    /** Whether the group opcode's ModRM.reg extension is one emulated: MOV /0, TEST /0 and /1. */
    boolean hasExtension(int opcode, int extension) {
        return switch (opcode) {
            case 0xC6, 0xC7 -> extension == 0;
            case 0xF6, 0xF7 -> extension <= 1;
            default -> true;
        };
    }

    /** The form of {@code opcode}, or null where it is not emulated. */
    static Form of(int opcode, CpuMode mode) {
        if (opcode < 0x40 && (opcode & 7) < 4) {
            return (opcode & 1) == 0 ? RM_BYTE : RM_FULL;
        }
        return switch (opcode) {
            case 0x80, 0xC6, 0xF6 -> RM_BYTE_IMM8;
            case 0x82 -> mode == CpuMode.BITS64 ? null : RM_BYTE_IMM8;
            case 0x81, 0xC7, 0xF7 -> RM_FULL_IMM;
            case 0x83 -> RM_FULL_IMM8;
            case 0x84, 0x86, 0x88, 0x8A -> RM_BYTE;
            case 0x85, 0x87, 0x89, 0x8B -> RM_FULL;
            case 0xA0, 0xA2 -> MOFFS_BYTE;
            case 0xA1, 0xA3 -> MOFFS_FULL;
            case 0xA4, 0xAA, 0xAC, 0x6C, 0x6E -> STRING_BYTE;
            case 0xA5, 0xAB, 0xAD, 0x6D, 0x6F -> STRING_FULL;
            case 0x0FB6, 0x0FBE -> RM_FULL;
            case 0x0FB7, 0x0FBF, 0x0FC3 -> RM_FULL;
            default -> null;
        };
    }
}
