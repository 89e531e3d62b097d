package org.jvmm.hv.emu.impl.cpu.decode;

/**
 * Rewrites the commonest instruction forms of 64-bit code (register-sized moves, ALU, shifts, loads
 * and stores with 64-bit addressing, push/pop/call/ret) to {@code F_} operations with fixed operand
 * sizes, so the interpreter runs them without size switches. Register-register forms end up with
 * the destination in {@link Insn#rm} and the source in {@link Insn#reg}.
 */
final class Specializer {

    /** ALU kind of TEST (see exec.Alu). */
    static final int TEST = 12;

    private Specializer() {
    }

    static void specialize(Insn in, boolean long64) {
        if (long64 && in.op == Op.SETCC && !in.mem && in.rm < 16) {
            in.op = Op.F_SETCC_R;
            return;
        }
        if (!long64 || (in.osz != 8 && in.osz != 4) || (in.prefix & Insn.LOCK) != 0) {
            return;
        }
        boolean q = in.osz == 8;
        boolean flat = in.mem && in.asz == 8;
        switch (in.op) {
            case Op.MOV_RM_R -> {
                if (!in.mem) {
                    in.op = q ? Op.F_MOV64_RR : Op.F_MOV32_RR;
                } else if (flat) {
                    in.op = q ? Op.F_STORE64 : Op.F_STORE32;
                }
            }
            case Op.MOV_R_RM -> {
                if (!in.mem) {
                    swap(in);
                    in.op = q ? Op.F_MOV64_RR : Op.F_MOV32_RR;
                } else if (flat) {
                    in.op = q ? Op.F_LOAD64 : Op.F_LOAD32;
                }
            }
            case Op.ALU_RM_R, Op.TEST_RM_R -> {
                if (!in.mem) {
                    if (in.op == Op.TEST_RM_R) {
                        in.ext = TEST;
                    }
                    in.op = q ? Op.F_ALU64_RR : Op.F_ALU32_RR;
                }
            }
            case Op.ALU_R_RM -> {
                if (!in.mem) {
                    swap(in);
                    in.op = q ? Op.F_ALU64_RR : Op.F_ALU32_RR;
                } else if (flat) {
                    in.op = q ? Op.F_ALU64_RM : Op.F_ALU32_RM;
                }
            }
            case Op.ALU_RM_I, Op.TEST_RM_I -> {
                if (!in.mem) {
                    if (in.op == Op.TEST_RM_I) {
                        in.ext = TEST;
                    }
                    in.op = q ? Op.F_ALU64_RI : Op.F_ALU32_RI;
                }
            }
            case Op.SHIFT_I -> {
                int count = (int) in.imm & (q ? 0x3F : 0x1F);
                if (!in.mem && in.ext >= 4 && count != 0) {
                    in.imm = count;
                    in.op = q ? Op.F_SHIFT64_RI : Op.F_SHIFT32_RI;
                }
            }
            case Op.IMUL_R_RM -> {
                if (!in.mem && q) {
                    in.op = Op.F_IMUL64_RR;
                }
            }
            case Op.LEA -> {
                if (q && in.asz == 8) {
                    in.op = Op.F_LEA64;
                }
            }
            case Op.PUSH_R -> in.op = q ? Op.F_PUSH64 : in.op;
            case Op.POP_R -> in.op = q ? Op.F_POP64 : in.op;
            case Op.CALL_REL -> in.op = q ? Op.F_CALL64 : in.op;
            case Op.RET -> in.op = q && in.imm == 0 ? Op.F_RET64 : in.op;
            case Op.MOVZX -> {
                if (in.ext == 1 && !q && (in.mem ? flat : in.rm < 16)) {
                    in.op = Op.F_MOVZXB32;
                }
            }
            case Op.MOVSX -> {
                if (in.ext == 4 && q && (!in.mem || flat)) {
                    in.op = Op.F_MOVSXD64;
                }
            }
            case Op.CMOV -> {
                if (!in.mem) {
                    swap(in);
                    in.op = q ? Op.F_CMOV64_RR : Op.F_CMOV32_RR;
                }
            }
            case Op.INC, Op.DEC -> {
                if (!in.mem) {
                    in.ext = in.op == Op.INC ? 0 : 1;
                    in.op = q ? Op.F_INCDEC64 : Op.F_INCDEC32;
                }
            }
            default -> {
            }
        }
    }

    private static void swap(Insn in) {
        int t = in.reg;
        in.reg = in.rm;
        in.rm = t;
    }
}
