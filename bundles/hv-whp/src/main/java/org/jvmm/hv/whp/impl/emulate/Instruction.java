package org.jvmm.hv.whp.impl.emulate;

/**
 * A decoded instruction, as far as memory-operand emulation needs it.
 *
 * @param length      total length in bytes
 * @param opcode      the opcode byte, or {@code 0x0F00 | second byte} for two-byte opcodes
 * @param reg         ModRM.reg extended by REX.R (the register operand or the opcode extension), or -1
 * @param rex         a REX prefix is present (selects SPL..DIL instead of AH..BH for byte registers)
 * @param operandSize operand size in bytes after prefixes (1 for byte opcodes)
 * @param addressSize address size in bytes after prefixes
 * @param segment     segment override ({@link EmulatorCpu#ES} .. {@link EmulatorCpu#GS}), or -1
 * @param rep         an F3 or F2 prefix is present
 * @param immediate   the immediate (sign-extended) or moffs value; 0 when none
 */
public record Instruction(int length, int opcode, int reg, boolean rex, int operandSize, int addressSize,
        int segment, boolean rep, long immediate) {

    /** The ModRM.reg field without REX.R: the opcode extension of group opcodes. */
    public int extension() {
        return reg & 7;
    }
}
