package org.jvmm.hv.emu.impl.cpu.jit;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;

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
