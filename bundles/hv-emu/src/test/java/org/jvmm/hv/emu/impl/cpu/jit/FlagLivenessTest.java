package org.jvmm.hv.emu.impl.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.decode.Op;

/** Which flag results {@link FlagLiveness} finds dead in a block. */
class FlagLivenessTest {

    private static Insn insn(int op, int ext, boolean mem) {
        Insn in = new Insn();
        in.op = op;
        in.ext = ext;
        in.mem = mem;
        in.osz = 8;
        in.asz = 8;
        in.base = mem ? 6 : -1;
        in.index = -1;
        in.seg = -1;
        return in;
    }

    private static final Insn IMUL = insn(Op.F_IMUL64_RR, 0, false);
    private static final Insn MOV = insn(Op.F_MOV64_RR, 0, false);
    private static final Insn ADD = insn(Op.F_ALU64_RR, AluEmitter.ADD, false);
    private static final Insn ADC = insn(Op.F_ALU64_RR, AluEmitter.ADC, false);
    private static final Insn LOAD = insn(Op.F_LOAD64, 0, true);
    private static final Insn ADD_MEM = insn(Op.F_ALU64_RM, AluEmitter.ADD, true);
    private static final Insn ROL = insn(Op.SHIFT_I, AluEmitter.ROL, false);
    private static final Insn INC = insn(Op.F_INCDEC64, 0, false);
    private static final Insn JCC = insn(Op.JCC, 4, false);
    private static final Insn PUSHF = insn(Op.PUSHF, 0, false);

    @Test
    void aFullWriterAfterNeutralInstructionsKillsTheFlags() {
        assertArrayEquals(new boolean[] {true, true, false, false},
                FlagLiveness.dead(new Insn[] {IMUL, MOV, ADD, JCC}, 4));
        // a rotate (CF and OF only) is no full writer: it keeps what comes before it
        assertArrayEquals(new boolean[] {false, false, true, false, false},
                FlagLiveness.dead(new Insn[] {IMUL, MOV, ROL, ADD, JCC}, 5));
        assertArrayEquals(new boolean[] {true, true, false, false},
                FlagLiveness.dead(new Insn[] {IMUL, IMUL, ADD, MOV}, 4));
    }

    @Test
    void readersFaultsInterpretedInstructionsAndTheBlockEndKeepThem() {
        assertArrayEquals(new boolean[] {false, true, false},
                FlagLiveness.dead(new Insn[] {IMUL, ADC, ADD}, 3));
        assertArrayEquals(new boolean[] {false, false, false},
                FlagLiveness.dead(new Insn[] {IMUL, LOAD, ADD}, 3));
        assertArrayEquals(new boolean[] {false, true, false},
                FlagLiveness.dead(new Insn[] {ROL, INC, ADD}, 3));
        assertArrayEquals(new boolean[] {false, true, false},
                FlagLiveness.dead(new Insn[] {IMUL, PUSHF, ADD}, 3));
        assertArrayEquals(new boolean[] {false, false}, FlagLiveness.dead(new Insn[] {IMUL, MOV}, 2));
    }

    @Test
    void aBlockThatLoadsThenSetsTheFlagsOverwritesThemFirst() {
        Insn store = insn(Op.F_STORE64, 0, true);
        assertTrue(FlagLiveness.overwrittenFirst(new Insn[] {LOAD, MOV, store, ADD, JCC}, 5));
        assertTrue(FlagLiveness.overwrittenFirst(new Insn[] {ADD_MEM, JCC}, 2));
        assertFalse(FlagLiveness.overwrittenFirst(new Insn[] {LOAD, ADC, ADD}, 3));
        assertFalse(FlagLiveness.overwrittenFirst(new Insn[] {ROL, ADD}, 2));
        assertFalse(FlagLiveness.overwrittenFirst(new Insn[] {INC, ADD}, 2));
        assertFalse(FlagLiveness.overwrittenFirst(new Insn[] {PUSHF, ADD}, 2));
        assertFalse(FlagLiveness.overwrittenFirst(new Insn[] {LOAD, MOV}, 2));
        assertFalse(FlagLiveness.overwrittenFirst(new Insn[] {JCC}, 1));
    }

    @Test
    void aMemoryOperandKeepsItsOwnFlagsAndIsNoWriterForOthers() {
        assertArrayEquals(new boolean[] {false, false, false},
                FlagLiveness.dead(new Insn[] {IMUL, ADD_MEM, ADD}, 3));
        assertArrayEquals(new boolean[] {false, true, false, false},
                FlagLiveness.dead(new Insn[] {ADD_MEM, IMUL, ADD, JCC}, 4));
    }
}
