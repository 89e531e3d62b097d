package org.jvmm.hv.emu.impl.cpu.jit;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import org.jvmm.hv.emu.impl.cpu.Flags;

/**
 * Conditions as direct comparisons of the operands or result of the last flag-setting instruction,
 * when the translator knows it was a subtraction/compare or a logic operation. Condition codes are
 * x86's: {@code cc >>> 1} selects O, B, E, BE, S, P, L, LE and bit 0 negates. Overflow and parity
 * are left to the flag helpers.
 */
final class CondEmitter {

    private static final int O = 0, B = 1, E = 2, BE = 3, S = 4, P = 5, L = 6, LE = 7;

    private CondEmitter() {
    }

    /** After SUB/CMP of size code {@code sz}: jumps when {@code cc} holds; false when not handled here. */
    static boolean subCompare(BlockEmitter e, int sz, int cc, Label target) {
        CodeBuilder cb = e.cb;
        int c = cc >>> 1;
        boolean neg = (cc & 1) != 0;
        switch (c) {
            case B, BE -> {
                unsigned(e, sz, e.sFa);
                unsigned(e, sz, e.sFb);
                cb.lcmp();
                if (c == B) {
                    branch(cb, neg ? Cmp.GE : Cmp.LT, target);
                } else {
                    branch(cb, neg ? Cmp.GT : Cmp.LE, target);
                }
            }
            case E -> {
                masked(e, sz, e.sFa);
                masked(e, sz, e.sFb);
                cb.lcmp();
                branch(cb, neg ? Cmp.NE : Cmp.EQ, target);
            }
            case S -> signBit(e, sz, e.sFres, neg, target);
            case L, LE -> {
                signed(e, sz, e.sFa);
                signed(e, sz, e.sFb);
                cb.lcmp();
                if (c == L) {
                    branch(cb, neg ? Cmp.GE : Cmp.LT, target);
                } else {
                    branch(cb, neg ? Cmp.GT : Cmp.LE, target);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** After AND/OR/XOR/TEST (CF = OF = 0): jumps when {@code cc} holds; false when not handled here. */
    static boolean logicTest(BlockEmitter e, int sz, int cc, Label target) {
        CodeBuilder cb = e.cb;
        int c = cc >>> 1;
        boolean neg = (cc & 1) != 0;
        switch (c) {
            case O, B -> {
                if (neg) {
                    cb.goto_(target);
                }
            }
            case E, BE -> {
                masked(e, sz, e.sFres);
                cb.lconst_0().lcmp();
                branch(cb, neg ? Cmp.NE : Cmp.EQ, target);
            }
            case S, L -> signBit(e, sz, e.sFres, neg, target);
            case LE -> {
                // ZF or SF: the result as a signed value of its size is <= 0.
                signed(e, sz, e.sFres);
                cb.lconst_0().lcmp();
                branch(cb, neg ? Cmp.GT : Cmp.LE, target);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * After any other operation a translated block records (ADD, ADC, SBB, INC, DEC, NEG, shifts,
     * IMUL): ZF, SF and CF (and CF or ZF) from the operands, result and auxiliary; false for the rest.
     */
    static boolean otherTest(BlockEmitter e, int op, int cc, Label target) {
        CodeBuilder cb = e.cb;
        int sz = op & 3;
        int c = cc >>> 1;
        boolean neg = (cc & 1) != 0;
        switch (c) {
            case E -> {
                masked(e, sz, e.sFres);
                cb.lconst_0().lcmp();
                branch(cb, neg ? Cmp.NE : Cmp.EQ, target);
            }
            case S -> signBit(e, sz, e.sFres, neg, target);
            case B -> {
                if (!carry(e, op)) {
                    return false;
                }
                if (neg) {
                    cb.ifeq(target);
                } else {
                    cb.ifne(target);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Pushes CF (0/1) after {@code op} when it can be read off the locals directly; false otherwise. */
    static boolean carry(BlockEmitter e, int op) {
        CodeBuilder cb = e.cb;
        int sz = op & 3;
        switch (op >>> 2) {
            case Flags.K_ADD, Flags.K_ADC -> {
                unsigned(e, sz, e.sFres);
                unsigned(e, sz, e.sFa);
                cb.lcmp();
                flag(cb, (op >>> 2) == Flags.K_ADD ? Cmp.LT : Cmp.LE);
            }
            case Flags.K_SUB, Flags.K_SBB -> {
                unsigned(e, sz, e.sFa);
                unsigned(e, sz, e.sFb);
                cb.lcmp();
                flag(cb, (op >>> 2) == Flags.K_SUB ? Cmp.LT : Cmp.LE);
            }
            case Flags.K_LOGIC -> cb.iconst_0();
            case Flags.K_INC, Flags.K_DEC -> {
                cb.lload(e.sFaux).lconst_0().lcmp();
                flag(cb, Cmp.NE);
            }
            case Flags.K_NEG -> {
                masked(e, sz, e.sFa);
                cb.lconst_0().lcmp();
                flag(cb, Cmp.NE);
            }
            case Flags.K_SHIFT, Flags.K_MUL -> cb.lload(e.sFaux).l2i().iconst_1().iand();
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Turns the int LCMP left into 1 when {@code cmp} holds, else 0. */
    private static void flag(CodeBuilder cb, Cmp cmp) {
        Label yes = cb.newLabel();
        Label join = cb.newLabel();
        branch(cb, cmp, yes);
        cb.iconst_0().goto_(join);
        cb.labelBinding(yes);
        cb.iconst_1();
        cb.labelBinding(join);
    }

    private enum Cmp { EQ, NE, LT, GE, GT, LE }

    /** Branches on the int left by LCMP. */
    private static void branch(CodeBuilder cb, Cmp cmp, Label target) {
        switch (cmp) {
            case EQ -> cb.ifeq(target);
            case NE -> cb.ifne(target);
            case LT -> cb.iflt(target);
            case GE -> cb.ifge(target);
            case GT -> cb.ifgt(target);
            default -> cb.ifle(target);
        }
    }

    private static void masked(BlockEmitter e, int sz, int slot) {
        e.cb.lload(slot);
        if (sz < 3) {
            e.cb.loadConstant(JitFlags.mask(sz)).land();
        }
    }

    /** The value as an unsigned number of its size, in an order that LCMP compares correctly. */
    private static void unsigned(BlockEmitter e, int sz, int slot) {
        masked(e, sz, slot);
        if (sz == 3) {
            e.cb.loadConstant(Long.MIN_VALUE).ladd();
        }
    }

    /** The value sign-extended from its size. */
    private static void signed(BlockEmitter e, int sz, int slot) {
        CodeBuilder cb = e.cb;
        cb.lload(slot);
        switch (sz) {
            case 0 -> cb.l2i().i2b().i2l();
            case 1 -> cb.l2i().i2s().i2l();
            case 2 -> cb.l2i().i2l();
            default -> {
            }
        }
    }

    private static void signBit(BlockEmitter e, int sz, int slot, boolean neg, Label target) {
        signed(e, sz, slot);
        e.cb.lconst_0().lcmp();
        branch(e.cb, neg ? Cmp.GE : Cmp.LT, target);
    }
}
