package org.jvmm.hv.emu.impl.cpu.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.jvmm.hv.emu.impl.cpu.jit.BlockEmitter.LONGS;
import static org.jvmm.hv.emu.impl.cpu.jit.BlockEmitter.MMU;
import static org.jvmm.hv.emu.impl.cpu.jit.BlockEmitter.STATE;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.decode.Op;

/**
 * Emits the common instruction forms of 64-bit code as straight-line bytecode with the interpreter's
 * effect, flags included: register and flat memory operands of every size, moves, ALU operations
 * (memory destinations as a checked read-modify-write), shifts and rotates, the decoder's {@code F_}
 * forms and the block-ending branches. {@link #isNative} says which; the rest are interpreted. Memory
 * accesses go through the CPU's {@code Mmu}; a fault leaves through {@link BlockEmitter#exitIfPending}.
 */
final class InsnEmitter {

    static final long M32 = 0xFFFF_FFFFL;
    static final MethodTypeDesc READ = MethodTypeDesc.of(CD_long, CD_long);
    static final MethodTypeDesc WRITE = MethodTypeDesc.of(CD_void, CD_long, CD_long);
    static final MethodTypeDesc RMW_READ = MethodTypeDesc.of(CD_long, CD_long, CD_int);
    static final MethodTypeDesc RMW_WRITE = MethodTypeDesc.of(CD_void, CD_long, CD_int, CD_long);

    final BlockEmitter e;
    final CodeBuilder cb;
    private final AluEmitter alu;

    InsnEmitter(BlockEmitter e) {
        this.e = e;
        this.cb = e.cb;
        this.alu = new AluEmitter(this);
    }

    static boolean isNative(Insn in) {
        if (in.mem && (in.asz != 8 || (in.prefix & Insn.LOCK) != 0)) {
            return false;
        }
        return switch (in.op) {
            case Op.F_MOV64_RR, Op.F_MOV32_RR, Op.F_LOAD64, Op.F_LOAD32, Op.F_STORE64, Op.F_STORE32, Op.F_ALU64_RR,
                    Op.F_ALU32_RR, Op.F_ALU64_RI, Op.F_ALU32_RI, Op.F_ALU64_RM, Op.F_ALU32_RM, Op.F_SHIFT64_RI,
                    Op.F_SHIFT32_RI, Op.F_IMUL64_RR, Op.F_LEA64, Op.F_PUSH64, Op.F_POP64, Op.F_CALL64, Op.F_RET64,
                    Op.F_MOVZXB32, Op.F_MOVSXD64, Op.F_SETCC_R, Op.F_CMOV64_RR, Op.F_CMOV32_RR, Op.F_INCDEC64,
                    Op.F_INCDEC32, Op.JCC, Op.JMP_REL, Op.NOP, Op.PAUSE -> true;
            case Op.MOV_R_I, Op.MOV_RM_R, Op.MOV_R_RM, Op.MOV_RM_I, Op.ALU_RM_R, Op.ALU_R_RM, Op.ALU_RM_I,
                    Op.TEST_RM_R, Op.TEST_RM_I, Op.LEA, Op.MOVZX, Op.MOVSX, Op.INC, Op.DEC, Op.NOT, Op.NEG,
                    Op.CMOV -> true;
            case Op.SHIFT_I, Op.SHIFT_CL, Op.SETCC -> !in.mem;
            case Op.BSWAP -> in.osz >= 4;
            default -> false;
        };
    }

    /** Marks the guest registers a native instruction reads ({@code used}) and writes (both). */
    static void scan(Insn in, boolean[] used, boolean[] written) {
        Regs m = new Regs(used, written);
        if (in.mem) {
            m.use(in.base).use(in.index);
        }
        boolean writes = in.ext != AluEmitter.CMP && in.ext != AluEmitter.TEST;
        switch (in.op) {
            case Op.F_MOV64_RR, Op.F_MOV32_RR, Op.F_CMOV64_RR, Op.F_CMOV32_RR -> m.use(in.reg).def(in.rm);
            case Op.F_LOAD64, Op.F_LOAD32, Op.F_LEA64, Op.MOV_R_I, Op.LEA, Op.BSWAP -> m.def(in.reg);
            case Op.F_STORE64, Op.F_STORE32, Op.TEST_RM_R -> m.use(in.reg).rm(in);
            case Op.F_ALU64_RR, Op.F_ALU32_RR, Op.ALU_RM_R -> {
                m.use(in.reg).rm(in);
                if (writes) {
                    m.defRm(in);
                }
            }
            case Op.F_ALU64_RI, Op.F_ALU32_RI, Op.ALU_RM_I -> {
                m.rm(in);
                if (writes) {
                    m.defRm(in);
                }
            }
            case Op.F_SHIFT64_RI, Op.F_SHIFT32_RI, Op.F_INCDEC64, Op.F_INCDEC32, Op.F_SETCC_R, Op.SETCC, Op.SHIFT_I,
                    Op.INC, Op.DEC, Op.NOT, Op.NEG, Op.MOV_RM_I -> m.defRm(in);
            case Op.SHIFT_CL -> m.use(1).defRm(in);
            case Op.F_ALU64_RM, Op.F_ALU32_RM, Op.ALU_R_RM -> {
                m.use(in.reg).rm(in);
                if (in.ext != AluEmitter.CMP) {
                    m.def(in.reg);
                }
            }
            case Op.F_IMUL64_RR -> m.use(in.rm).def(in.reg);
            case Op.F_PUSH64 -> m.use(in.reg).def(4);
            case Op.F_POP64 -> m.def(4).def(in.reg);
            case Op.F_CALL64, Op.F_RET64 -> m.def(4);
            case Op.F_MOVZXB32, Op.F_MOVSXD64, Op.MOV_R_RM, Op.MOVZX, Op.MOVSX, Op.CMOV -> m.rm(in).def(in.reg);
            case Op.MOV_RM_R -> m.use(in.reg).defRm(in);
            case Op.TEST_RM_I -> m.rm(in);
            default -> {
            }
        }
    }

    /** Register bookkeeping for {@link #scan}; byte registers 16..19 (AH..BH) are parts of 0..3. */
    private record Regs(boolean[] used, boolean[] written) {
        Regs use(int k) {
            if (k >= 0) {
                used[k & 15] = true;
            }
            return this;
        }

        Regs def(int k) {
            used[k & 15] = true;
            written[k & 15] = true;
            return this;
        }

        Regs rm(Insn in) {
            return in.mem ? this : use(in.rm);
        }

        Regs defRm(Insn in) {
            return in.mem ? this : def(in.rm);
        }
    }

    // ---- emission ----

    /** Emits native instruction {@code i} (not the block-ending branches JCC and JMP_REL). */
    void emit(Insn in, int i) {
        switch (in.op) {
            case Op.F_MOV64_RR, Op.F_MOV32_RR -> {
                pushReg(in.reg, in.op == Op.F_MOV64_RR ? 8 : 4);
                e.store(in.rm);
            }
            case Op.F_LOAD64, Op.F_LOAD32, Op.MOV_R_RM -> {
                pushRm(in, in.osz, i);
                popReg(in.reg, in.osz);
            }
            case Op.F_MOVZXB32, Op.MOVZX -> {
                pushRm(in, in.op == Op.MOVZX ? in.ext : 1, i);
                popReg(in.reg, in.osz);
            }
            case Op.F_MOVSXD64, Op.MOVSX -> {
                int from = in.op == Op.MOVSX ? in.ext : 4;
                pushRm(in, from, i);
                signExtend(from);
                popReg(in.reg, in.osz);
            }
            case Op.F_STORE64, Op.F_STORE32, Op.MOV_RM_R -> {
                if (in.mem) {
                    store(in, i, () -> pushReg(in.reg, in.osz));
                } else {
                    pushReg(in.reg, in.osz);
                    popReg(in.rm, in.osz);
                }
            }
            case Op.MOV_RM_I -> {
                if (in.mem) {
                    store(in, i, () -> cb.loadConstant(in.imm));
                } else {
                    cb.loadConstant(in.imm);
                    popReg(in.rm, in.osz);
                }
            }
            case Op.MOV_R_I -> {
                cb.loadConstant(in.imm);
                popReg(in.reg, in.osz);
            }
            case Op.F_LEA64, Op.LEA -> {
                address(in, false);
                popReg(in.reg, in.osz);
            }
            case Op.BSWAP -> bswap(in);
            case Op.F_SETCC_R, Op.SETCC -> {
                e.cond(in.ext);
                cb.i2l();
                popReg(in.rm, 1);
            }
            case Op.F_CMOV64_RR, Op.F_CMOV32_RR -> fastCmov(in);
            case Op.CMOV -> cmov(in, i);
            case Op.F_PUSH64 -> push(i, () -> e.load(in.reg));
            case Op.F_POP64 -> pop(in, i);
            case Op.F_CALL64 -> {
                push(i, () -> cb.loadConstant(in.nextRip));
                e.setRip(in.imm);
            }
            case Op.F_RET64 -> ret(i);
            case Op.NOP, Op.PAUSE -> {
            }
            default -> alu.emit(in, i);
        }
    }

    /** Pushes register {@code k} at size {@code osz}, zero-extended (16..19 are AH..BH). */
    void pushReg(int k, int osz) {
        if (osz == 1 && k >= 16) {
            e.load(k - 16);
            cb.loadConstant(8).lushr().loadConstant(0xFFL).land();
            return;
        }
        e.load(k);
        if (osz < 8) {
            cb.loadConstant(mask(osz)).land();
        }
    }

    /** Pops a value into register {@code k} at size {@code osz}: 32-bit writes zero-extend, 8/16 merge. */
    void popReg(int k, int osz) {
        switch (osz) {
            case 8 -> e.store(k);
            case 4 -> {
                cb.loadConstant(M32).land();
                e.store(k);
            }
            default -> {
                int full = osz == 1 && k >= 16 ? k - 16 : k;
                long field = osz == 2 ? 0xFFFFL : 0xFFL;
                cb.loadConstant(field).land();
                if (full != k) {
                    cb.loadConstant(8).lshl();
                    field <<= 8;
                }
                e.load(full);
                cb.loadConstant(~field).land().lor();
                e.store(full);
            }
        }
    }

    static long mask(int osz) {
        return osz == 8 ? -1L : (1L << (osz * 8)) - 1;
    }

    void signExtend(int from) {
        switch (from) {
            case 1 -> cb.l2i().i2b().i2l();
            case 2 -> cb.l2i().i2s().i2l();
            case 4 -> cb.l2i().i2l();
            default -> {
            }
        }
    }

    /** Pushes the operand's address: disp + base + index << scale (+ the FS/GS base when {@code withSeg}). */
    void address(Insn in, boolean withSeg) {
        cb.loadConstant(in.disp);
        if (in.base >= 0) {
            e.load(in.base);
            cb.ladd();
        }
        if (in.index >= 0) {
            e.load(in.index);
            if (in.scale != 0) {
                cb.loadConstant(in.scale).lshl();
            }
            cb.ladd();
        }
        if (withSeg && in.seg >= 0) {
            cb.aload(e.sS).getfield(STATE, "segBase", LONGS).loadConstant(in.seg).laload().ladd();
        }
    }

    static String readMethod(int osz) {
        return switch (osz) {
            case 1 -> "rd8";
            case 2 -> "rd16";
            case 4 -> "rd32";
            default -> "rd64";
        };
    }

    static String writeMethod(int osz) {
        return switch (osz) {
            case 1 -> "wr8";
            case 2 -> "wr16";
            case 4 -> "wr32";
            default -> "wr64";
        };
    }

    /**
     * Pushes the ModRM operand at size {@code osz}, zero-extended: a register, or memory (read into a
     * temporary first, leaving on a fault). Call with an empty operand stack.
     */
    void pushRm(Insn in, int osz, int i) {
        if (!in.mem) {
            pushReg(in.rm, osz);
            return;
        }
        cb.aload(e.sM);
        address(in, true);
        cb.invokevirtual(MMU, readMethod(osz), READ).lstore(e.sTm);
        e.exitIfPending(i);
        cb.lload(e.sTm);
    }

    /** Writes the value {@code value} pushes to the memory operand; leaves when the write faults. */
    private void store(Insn in, int i, Runnable value) {
        cb.aload(e.sM);
        address(in, true);
        value.run();
        cb.invokevirtual(MMU, writeMethod(in.osz), WRITE);
        e.exitIfPending(i);
    }

    private void bswap(Insn in) {
        e.load(in.reg);
        if (in.osz == 8) {
            cb.invokestatic(ClassDesc.of("java.lang.Long"), "reverseBytes", MethodTypeDesc.of(CD_long, CD_long));
            e.store(in.reg);
        } else {
            cb.l2i().invokestatic(ClassDesc.of("java.lang.Integer"), "reverseBytes", MethodTypeDesc.of(CD_int, CD_int));
            cb.i2l();
            popReg(in.reg, 4);
        }
    }

    /** F_CMOV: destination rm, source reg; the 32-bit form zero-extends either way. */
    private void fastCmov(Insn in) {
        boolean q = in.op == Op.F_CMOV64_RR;
        Label take = cb.newLabel();
        Label join = cb.newLabel();
        e.condJump(in.ext, take);
        if (!q) {
            pushReg(in.rm, 4);
            e.store(in.rm);
        }
        cb.goto_(join);
        cb.labelBinding(take);
        pushReg(in.reg, q ? 8 : 4);
        e.store(in.rm);
        cb.labelBinding(join);
    }

    /** CMOVcc reg, r/m: the source is read (and may fault) whatever the condition. */
    private void cmov(Insn in, int i) {
        pushRm(in, in.osz, i);
        cb.lstore(e.sTb);
        Label take = cb.newLabel();
        Label join = cb.newLabel();
        e.condJump(in.ext, take);
        if (in.osz == 4) {
            pushReg(in.reg, 4);
            e.store(in.reg);
        }
        cb.goto_(join);
        cb.labelBinding(take);
        cb.lload(e.sTb);
        popReg(in.reg, in.osz);
        cb.labelBinding(join);
    }

    /** RSP -= 8 after writing the value {@code value} pushes there. */
    private void push(int i, Runnable value) {
        e.load(4);
        cb.loadConstant(8L).lsub().lstore(e.sTa);
        cb.aload(e.sM).lload(e.sTa);
        value.run();
        cb.invokevirtual(MMU, "wr64", WRITE);
        e.exitIfPending(i);
        cb.lload(e.sTa);
        e.store(4);
    }

    private void pop(Insn in, int i) {
        cb.aload(e.sM);
        e.load(4);
        cb.invokevirtual(MMU, "rd64", READ).lstore(e.sTb);
        e.exitIfPending(i);
        e.load(4);
        cb.loadConstant(8L).ladd();
        e.store(4);
        cb.lload(e.sTb);
        e.store(in.reg);
    }

    private void ret(int i) {
        cb.aload(e.sM);
        e.load(4);
        cb.invokevirtual(MMU, "rd64", READ).lstore(e.sTa);
        e.exitIfPending(i);
        Label canonical = cb.newLabel();
        cb.lload(e.sTa).loadConstant(16).lshl().loadConstant(16).lshr().lload(e.sTa).lcmp().ifeq(canonical);
        e.raiseGp(i);
        cb.labelBinding(canonical);
        e.load(4);
        cb.loadConstant(8L).ladd();
        e.store(4);
        cb.aload(e.sS).lload(e.sTa).putfield(STATE, "rip", CD_long);
    }

    /** Leaves when the read half of a read-modify-write faulted (a pending SMC end waits for the write). */
    void exitIfFault(int i) {
        e.exitIf(i, CpuState.P_EXC);
    }
}
