package org.jvmm.hv.emu.impl.cpu.jit;

import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.decode.Op;

/**
 * Which flag results of a block nobody can see: an instruction's flags are dead when, later in the
 * same block, an instruction that sets all six arithmetic flags (without reading them) comes before
 * anything that could observe them. Observers are flag readers, interpreted instructions, anything
 * that may fault (the exception would see the flags) and the end of the block; only register moves
 * and the like may lie between. Memory operands keep their flags (they may fault part-way), and so
 * does the last instruction of a block. The translator skips the work of dead flags (the IMUL carry
 * helper, the rotate flag update, the lazy-flag stores), and keeps the flags in its locals across a
 * jump to a block that overwrites them before it reads them ({@link #overwrittenFirst}).
 */
final class FlagLiveness {

    private FlagLiveness() {
    }

    /** For each of the first {@code count} instructions: true when its flag results are dead. */
    static boolean[] dead(Insn[] ins, int count) {
        boolean[] dead = new boolean[count];
        // Scan backwards: killed = "a full flag writer comes before any observer from here on".
        boolean killed = false;
        for (int i = count - 1; i >= 0; i--) {
            Insn in = ins[i];
            // An instruction that may fault half-way keeps its flag work: the interpreter's order stays.
            dead[i] = killed && !in.mem;
            if (writesAll(in)) {
                killed = true;
            } else if (!neutral(in)) {
                killed = false;
            }
        }
        return dead;
    }

    /**
     * True when a block overwrites all flags before it reads them or needs them in the CPU state:
     * before its first full flag writer it has only instructions the translator emits without reading
     * the flags (register moves, loads and stores, pushes and pops; a fault there leaves through the
     * exit that stores the flags from the locals). Then the flags need not be stored on the way in.
     */
    static boolean overwrittenFirst(Insn[] ins, int count) {
        for (int i = 0; i < count; i++) {
            Insn in = ins[i];
            if (!InsnEmitter.isNative(in)) {
                return false;
            }
            if (writesAllOrFaults(in)) {
                return true;
            }
            if (!neutral(in) && !movesMemory(in)) {
                return false;
            }
        }
        return false;
    }

    /** Sets all six flags unless it faults first (register or memory operands, no flag reads). */
    private static boolean writesAllOrFaults(Insn in) {
        return switch (in.op) {
            case Op.F_ALU64_RR, Op.F_ALU32_RR, Op.F_ALU64_RI, Op.F_ALU32_RI, Op.F_ALU64_RM, Op.F_ALU32_RM,
                    Op.ALU_RM_R, Op.ALU_RM_I, Op.ALU_R_RM -> in.ext != AluEmitter.ADC && in.ext != AluEmitter.SBB;
            case Op.TEST_RM_R, Op.TEST_RM_I, Op.F_SHIFT64_RI, Op.F_SHIFT32_RI, Op.F_IMUL64_RR, Op.NEG -> true;
            default -> false;
        };
    }

    /** A translated memory move, push or pop: touches no flags, may fault. */
    private static boolean movesMemory(Insn in) {
        return switch (in.op) {
            case Op.F_LOAD64, Op.F_LOAD32, Op.F_STORE64, Op.F_STORE32, Op.F_PUSH64, Op.F_POP64, Op.F_MOVZXB32,
                    Op.F_MOVSXD64, Op.MOV_RM_R, Op.MOV_R_RM, Op.MOV_RM_I, Op.MOVZX, Op.MOVSX -> true;
            default -> false;
        };
    }

    /** Sets CF, PF, AF, ZF, SF and OF without reading them, and cannot fault. */
    static boolean writesAll(Insn in) {
        if (in.mem || !InsnEmitter.isNative(in)) {
            return false;
        }
        return switch (in.op) {
            case Op.F_ALU64_RR, Op.F_ALU32_RR, Op.F_ALU64_RI, Op.F_ALU32_RI, Op.ALU_RM_R, Op.ALU_RM_I ->
                in.ext != AluEmitter.ADC && in.ext != AluEmitter.SBB;
            case Op.TEST_RM_R, Op.TEST_RM_I, Op.F_SHIFT64_RI, Op.F_SHIFT32_RI, Op.F_IMUL64_RR, Op.NEG -> true;
            default -> false;
        };
    }

    /** Neither reads nor writes the flags and cannot fault. */
    static boolean neutral(Insn in) {
        if (!InsnEmitter.isNative(in)) {
            return false;
        }
        return switch (in.op) {
            case Op.F_MOV64_RR, Op.F_MOV32_RR, Op.F_LEA64, Op.LEA, Op.MOV_R_I, Op.NOP, Op.BSWAP -> true;
            case Op.MOV_RM_R, Op.MOV_R_RM, Op.MOV_RM_I, Op.MOVZX, Op.MOVSX, Op.F_MOVZXB32, Op.F_MOVSXD64, Op.NOT ->
                !in.mem;
            default -> false;
        };
    }
}
