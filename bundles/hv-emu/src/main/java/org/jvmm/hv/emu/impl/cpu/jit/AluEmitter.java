package org.jvmm.hv.emu.impl.cpu.jit;

import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.jvmm.hv.emu.impl.cpu.jit.BlockEmitter.JIT_FLAGS;
import static org.jvmm.hv.emu.impl.cpu.jit.BlockEmitter.MMU;
import static org.jvmm.hv.emu.impl.cpu.jit.BlockEmitter.STATE;
import static org.jvmm.hv.emu.impl.cpu.jit.InsnEmitter.M32;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.decode.Op;

/**
 * Arithmetic for {@link InsnEmitter}: the eight ALU operations and TEST at every size with register,
 * immediate and memory operands (a memory destination is a checked read-modify-write), INC DEC NOT
 * NEG, IMUL, and shifts and rotates. Flags go to the block's flag locals as the interpreter's lazy
 * flags would record them; rotates and 8/16-bit or CL-counted shifts call the interpreter's shifter,
 * with the flags stored to the CPU state around the call.
 */
final class AluEmitter {

    // ALU kinds (exec.Alu) and shift kinds (exec.Shifts) as the decoder stores them in Insn.ext.
    static final int ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6, CMP = 7, TEST = 12;
    static final int INC = 8, DEC = 9, NOT = 10, NEG = 11;
    static final int ROL = 0, ROR = 1, SHL = 4, SHR = 5, SAR = 7;
    private static final ClassDesc SHIFTS = ClassDesc.of("org.jvmm.hv.emu.impl.cpu.exec.Shifts");

    private final InsnEmitter x;
    private final BlockEmitter e;
    private final CodeBuilder cb;

    AluEmitter(InsnEmitter x) {
        this.x = x;
        this.e = x.e;
        this.cb = x.cb;
    }

    static int sizeCode(int osz) {
        return Integer.numberOfTrailingZeros(osz);
    }

    void emit(Insn in, int i) {
        switch (in.op) {
            case Op.F_ALU64_RR, Op.F_ALU32_RR -> regReg(in.ext, in.op == Op.F_ALU64_RR ? 8 : 4, in.rm, in.reg);
            case Op.F_ALU64_RI, Op.F_ALU32_RI -> regImm(in.ext, in.op == Op.F_ALU64_RI ? 8 : 4, in.rm, in.imm);
            case Op.F_ALU64_RM, Op.F_ALU32_RM, Op.ALU_R_RM -> {
                int osz = in.op == Op.F_ALU64_RM ? 8 : in.op == Op.F_ALU32_RM ? 4 : in.osz;
                x.pushRm(in, osz, i);
                cb.lstore(e.sTb);
                x.pushReg(in.reg, osz);
                cb.lstore(e.sTa);
                compute(in.ext, osz);
                if (in.ext != CMP) {
                    cb.lload(e.sTc);
                    x.popReg(in.reg, osz);
                }
            }
            case Op.ALU_RM_R, Op.TEST_RM_R -> {
                int kind = in.op == Op.TEST_RM_R ? TEST : in.ext;
                if (in.mem) {
                    x.pushReg(in.reg, in.osz);
                    cb.lstore(e.sTb);
                    memory(in, kind, i);
                } else {
                    regReg(kind, in.osz, in.rm, in.reg);
                }
            }
            case Op.ALU_RM_I, Op.TEST_RM_I -> {
                int kind = in.op == Op.TEST_RM_I ? TEST : in.ext;
                if (in.mem) {
                    cb.loadConstant(in.imm).lstore(e.sTb);
                    memory(in, kind, i);
                } else {
                    regImm(kind, in.osz, in.rm, in.imm);
                }
            }
            case Op.INC, Op.DEC, Op.NOT, Op.NEG -> {
                int kind = in.op == Op.INC ? INC : in.op == Op.DEC ? DEC : in.op == Op.NOT ? NOT : NEG;
                if (in.mem) {
                    memory(in, kind, i);
                } else {
                    x.pushReg(in.rm, in.osz);
                    cb.lstore(e.sTa);
                    compute(kind, in.osz);
                    cb.lload(e.sTc);
                    x.popReg(in.rm, in.osz);
                }
            }
            case Op.F_INCDEC64, Op.F_INCDEC32 -> {
                int osz = in.op == Op.F_INCDEC64 ? 8 : 4;
                x.pushReg(in.rm, osz);
                cb.lstore(e.sTa);
                compute(in.ext == 0 ? INC : DEC, osz);
                cb.lload(e.sTc);
                x.popReg(in.rm, osz);
            }
            case Op.F_SHIFT64_RI, Op.F_SHIFT32_RI -> fastShift(in, in.op == Op.F_SHIFT64_RI);
            case Op.SHIFT_I, Op.SHIFT_CL -> shift(in);
            case Op.F_IMUL64_RR -> imul(in);
            default -> throw new IllegalArgumentException("not a native op: " + Op.name(in.op));
        }
    }

    private void regReg(int kind, int osz, int dest, int src) {
        x.pushReg(dest, osz);
        cb.lstore(e.sTa);
        x.pushReg(src, osz);
        cb.lstore(e.sTb);
        compute(kind, osz);
        writeBack(kind, osz, dest);
    }

    private void regImm(int kind, int osz, int dest, long imm) {
        x.pushReg(dest, osz);
        cb.lstore(e.sTa);
        cb.loadConstant(osz == 8 ? imm : imm & InsnEmitter.mask(osz)).lstore(e.sTb);
        compute(kind, osz);
        writeBack(kind, osz, dest);
    }

    private void writeBack(int kind, int osz, int dest) {
        if (kind != CMP && kind != TEST) {
            cb.lload(e.sTc);
            x.popReg(dest, osz);
        }
    }

    /** A memory destination with b in sTb: CMP/TEST read it, the others read, modify and write it. */
    private void memory(Insn in, int kind, int i) {
        int osz = in.osz;
        if (kind == CMP || kind == TEST) {
            x.pushRm(in, osz, i);
            cb.lstore(e.sTa);
            compute(kind, osz);
            return;
        }
        x.address(in, true);
        cb.lstore(e.sTe);
        cb.aload(e.sM).lload(e.sTe).loadConstant(osz).invokevirtual(MMU, "rmwRead", InsnEmitter.RMW_READ);
        cb.lstore(e.sTa);
        x.exitIfFault(i);
        compute(kind, osz);
        cb.aload(e.sM).lload(e.sTe).loadConstant(osz).lload(e.sTc)
                .invokevirtual(MMU, "rmwWrite", InsnEmitter.RMW_WRITE);
        e.exitIfPending(i);
    }

    /** r (sTc) = a (sTa) kind b (sTb), recording the flags the interpreter would. */
    void compute(int kind, int osz) {
        int sz = sizeCode(osz);
        int a = e.sTa;
        int b = e.sTb;
        int r = e.sTc;
        switch (kind) {
            case ADC, SBB -> {
                e.carry();
                cb.i2l().lstore(e.sFaux);
                cb.lload(a).lload(b);
                if (kind == ADC) {
                    cb.ladd().lload(e.sFaux).ladd();
                } else {
                    cb.lsub().lload(e.sFaux).lsub();
                }
                cb.lstore(r);
                int base = (kind == ADC ? Flags.K_ADD : Flags.K_SUB) << 2 | sz;
                cb.lload(a).lstore(e.sFa).lload(b).lstore(e.sFb).lload(r).lstore(e.sFres);
                cb.loadConstant(base).lload(e.sFaux).l2i().iconst_2().ishl().iadd().istore(e.sFop);
                e.fstate = BlockEmitter.DYNAMIC;
            }
            case INC, DEC -> {
                e.carry();
                cb.i2l().lstore(e.sFaux);
                cb.lload(a).lconst_1();
                if (kind == INC) {
                    cb.ladd();
                } else {
                    cb.lsub();
                }
                cb.lstore(r);
                cb.lconst_1().lstore(b);
                e.setFlags((kind == INC ? Flags.K_INC : Flags.K_DEC) << 2 | sz, a, b, r);
            }
            case NOT -> cb.lload(a).loadConstant(-1L).lxor().lstore(r);
            case NEG -> {
                cb.lload(a).lneg().lstore(r);
                cb.lconst_0().lstore(b);
                e.setFlags(Flags.K_NEG << 2 | sz, a, b, r);
            }
            default -> {
                cb.lload(a).lload(b);
                int k;
                switch (kind) {
                    case ADD -> {
                        cb.ladd();
                        k = Flags.K_ADD;
                    }
                    case SUB, CMP -> {
                        cb.lsub();
                        k = Flags.K_SUB;
                    }
                    case OR -> {
                        cb.lor();
                        k = Flags.K_LOGIC;
                    }
                    case XOR -> {
                        cb.lxor();
                        k = Flags.K_LOGIC;
                    }
                    default -> {
                        cb.land();
                        k = Flags.K_LOGIC;
                    }
                }
                cb.lstore(r);
                e.setFlags(k << 2 | sz, a, b, r);
            }
        }
    }

    /** SHL/SHR/SAR of a 64/32-bit register by a non-zero immediate, as Fast.shift64/shift32. */
    private void fastShift(Insn in, boolean q) {
        int n = (int) in.imm;
        int bits = q ? 64 : 32;
        int a = e.sTa;
        int v = e.sTc;
        x.pushReg(in.rm, q ? 8 : 4);
        cb.lstore(a);
        cb.lload(a);
        switch (in.ext) {
            case SHR -> cb.loadConstant(n).lushr();
            case SAR -> {
                if (q) {
                    cb.loadConstant(n).lshr();
                } else {
                    cb.l2i().i2l().loadConstant(n).lshr().loadConstant(M32).land();
                }
            }
            default -> {
                cb.loadConstant(n).lshl();
                if (!q) {
                    cb.loadConstant(M32).land();
                }
            }
        }
        cb.lstore(v);
        cb.lload(v);
        e.store(in.rm);
        if (e.flagsDead) {
            return;
        }
        // lfAux = CF | OF << 11, as Fast computes them: CF is the last bit shifted out.
        switch (in.ext) {
            case SHR -> {
                cb.lload(a).loadConstant(n - 1).lushr().lconst_1().land();
                cb.lload(a).loadConstant(bits - 1).lushr().lconst_1().land().loadConstant(11).lshl().lor();
            }
            case SAR -> {
                cb.lload(a);
                if (!q) {
                    cb.l2i().i2l();
                }
                cb.loadConstant(n - 1).lshr().lconst_1().land();
            }
            default -> {
                cb.lload(a).loadConstant(bits - n).lushr().lconst_1().land().lstore(e.sTb);
                cb.lload(e.sTb);
                cb.lload(v).loadConstant(bits - 1).lushr().lconst_1().land().lload(e.sTb).lxor()
                        .loadConstant(11).lshl().lor();
            }
        }
        cb.lstore(e.sFaux);
        cb.lconst_0().lstore(e.sTb);
        e.setFlags(Flags.K_SHIFT << 2 | (q ? 3 : 2), e.sTb, e.sTb, v);
    }

    /**
     * Any shift or rotate of a register by an immediate or CL, through the interpreter's shifter (which
     * reads and writes the flags in the CPU state). A zero count changes no flags but still writes the
     * register back at its size, as the interpreter does.
     */
    private void shift(Insn in) {
        int osz = in.osz;
        if (in.op == Op.SHIFT_I) {
            int count = (int) in.imm & (osz == 8 ? 0x3F : 0x1F);
            boolean rotate = count != 0 && osz >= 4 && (in.ext == ROL || in.ext == ROR);
            if (!rotate || !e.flagsDead) {
                e.materializeFlags();
                e.flagsInState();
            }
            x.pushReg(in.rm, osz);
            if (rotate) {
                cb.lstore(e.sTa);
                rotate(in.ext == ROL, osz * 8, count);
            } else if (count != 0) {
                cb.lstore(e.sTa);
                shiftCall(in, osz, () -> cb.loadConstant(count));
            }
            x.popReg(in.rm, osz);
            return;
        }
        e.materializeFlags();
        e.flagsInState();
        e.load(1);
        cb.l2i().loadConstant(osz == 8 ? 0x3F : 0x1F).iand().istore(e.sCount);
        x.pushReg(in.rm, osz);
        Label zero = cb.newLabel();
        cb.iload(e.sCount).ifeq(zero);
        cb.lstore(e.sTa);
        shiftCall(in, osz, () -> cb.iload(e.sCount));
        cb.labelBinding(zero);
        x.popReg(in.rm, osz);
    }

    /**
     * ROL/ROR of a (sTa) by a constant count within 1..bits-1: pushes the result and records CF and OF
     * the way the interpreter's rotate does (the other flags keep their values).
     */
    private void rotate(boolean left, int bits, int n) {
        ClassDesc box = ClassDesc.of(bits == 64 ? "java.lang.Long" : "java.lang.Integer");
        cb.lload(e.sTa);
        if (bits == 32) {
            cb.l2i();
        }
        cb.loadConstant(n);
        if (bits == 64) {
            cb.invokestatic(box, left ? "rotateLeft" : "rotateRight", MethodTypeDesc.of(CD_long, CD_long, CD_int));
        } else {
            cb.invokestatic(box, left ? "rotateLeft" : "rotateRight", MethodTypeDesc.of(CD_int, CD_int, CD_int));
            cb.i2l().loadConstant(M32).land();
        }
        cb.lstore(e.sTc);
        if (e.flagsDead) {
            cb.lload(e.sTc);
            return;
        }
        // CF: bit 0 after ROL, the top bit after ROR. OF: top bit ^ CF (ROL), top bit ^ next bit (ROR).
        int r = e.sTc;
        cb.aload(e.sS);
        bit(r, left ? 0 : bits - 1);
        bit(r, bits - 1);
        bit(r, left ? 0 : bits - 2);
        cb.ixor();
        cb.invokestatic(BlockEmitter.FLAGS, "setRotate", MethodTypeDesc.of(CD_void, STATE, CD_boolean, CD_boolean));
        cb.lload(r);
    }

    /** Pushes bit {@code k} of the long in {@code slot} as an int 0/1. */
    private void bit(int slot, int k) {
        cb.lload(slot).loadConstant(k).lushr().l2i().iconst_1().iand();
    }

    /** Pushes Shifts.apply(s, kind, osz, a = sTa, count). */
    private void shiftCall(Insn in, int osz, Runnable count) {
        cb.aload(e.sS).loadConstant(in.ext).loadConstant(osz).lload(e.sTa);
        count.run();
        cb.invokestatic(SHIFTS, "apply", MethodTypeDesc.of(CD_long, STATE, CD_int, CD_int, CD_long, CD_int));
    }

    private void imul(Insn in) {
        int a = e.sTa;
        int b = e.sTb;
        int lo = e.sTc;
        e.load(in.reg);
        cb.lstore(a);
        e.load(in.rm);
        cb.lstore(b);
        cb.lload(a).lload(b).lmul().lstore(lo);
        cb.lload(lo);
        e.store(in.reg);
        if (e.flagsDead) {
            return;
        }
        cb.lload(a).lload(b).lload(lo);
        cb.invokestatic(JIT_FLAGS, "mulAux", MethodTypeDesc.of(CD_long, CD_long, CD_long, CD_long)).lstore(e.sFaux);
        cb.lconst_0().lstore(a);
        e.setFlags(Flags.K_MUL << 2 | 3, a, a, lo);
    }
}
