package org.jvmm.hv.emu.diff;

import java.util.List;
import org.jvmm.hv.emu.diff.Opnd.Mem;

/**
 * x87 snippets observed through memory, AX and RFLAGS: each starts and ends with FNINIT (so the host
 * thread's x87 state is the default again). Forms with floating-point inputs come without NaNs and
 * as a {@code [nan]} variant with them. Control and status words, integer and floating loads and
 * stores, arithmetic with the default (extended) and with double precision control, compares into
 * the status word (FCOM, FUCOM, FTST, FXAM, FNSTSW) and into RFLAGS (FCOMI, FUCOMI), FCMOVcc, FXCH
 * and the constants.
 */
final class X87Forms {

    private static final int FNINIT_0 = 0xDB, FNINIT_1 = 0xE3;

    private X87Forms() {
    }

    @FunctionalInterface
    private interface Body {
        void emit(Gen g);
    }

    private static Form form(String name, Body body) {
        return new Form(name, g -> {
            g.emit(FNINIT_0, FNINIT_1);
            body.emit(g);
            g.emit(FNINIT_0, FNINIT_1);
        });
    }

    /** An operand of {@code size} bytes holding a floating-point value (4 or 8 bytes) or random bytes. */
    private static Mem value(Gen g, int size, boolean nans) {
        Mem m = g.mem(size);
        if (size == 4 || size == 8) {
            FloatValues.fillMemory(g, m.target(), size, size == 4, nans);
        }
        return m;
    }

    /** The form without NaN inputs, and its {@code [nan]} variant with them. */
    private static void both(List<Form> f, String name, NanBody body) {
        f.add(form(name, g -> body.emit(g, false)));
        f.add(form(name + " [nan]", g -> body.emit(g, true)));
    }

    @FunctionalInterface
    private interface NanBody {
        void emit(Gen g, boolean nans);
    }

    private static void op(Gen g, int opcode, int digit, Mem m) {
        g.emit(g.insn().op(opcode).modrm(digit, m));
    }

    /** FLDCW with double precision (PC = 10b), all exceptions masked, rounding to nearest. */
    private static void doublePrecision(Gen g) {
        Mem cw = g.mem(2);
        g.put(cw.target(), 2, 0x027F);
        op(g, 0xD9, 5, cw);
    }

    static void add(List<Form> f) {
        f.add(form("fnstcw m", g -> op(g, 0xD9, 7, g.mem(2))));
        f.add(form("fildq m (|v| < 2^53)", g -> {
            Mem src = g.mem(8);
            g.put(src.target(), 8, g.rnd.nextLong(-(1L << 53), 1L << 53));
            op(g, 0xDF, 5, src);
            op(g, 0xDF, 7, g.mem(8));
        }));
        f.add(form("fldcw m", g -> {
            Mem cw = g.mem(2);
            g.put(cw.target(), 2, 0x7F | g.rnd.nextInt(32) << 8);
            op(g, 0xD9, 5, cw);
            op(g, 0xD9, 7, g.mem(2));
        }));
        // {name, load opcode, digit, size, store opcode, digit, size}
        Object[][] moves = {
            {"fildl m", 0xDB, 0, 4, 0xDD, 3, 8}, {"filds m", 0xDF, 0, 2, 0xDD, 3, 8},
            {"fildq m", 0xDF, 5, 8, 0xDF, 7, 8}, {"fldl m", 0xDD, 0, 8, 0xDD, 3, 8}, {"flds m", 0xD9, 0, 4, 0xD9, 3, 4},
            {"flds m,fstpl m", 0xD9, 0, 4, 0xDD, 3, 8}, {"fldl m,fstps m", 0xDD, 0, 8, 0xD9, 3, 4},
            {"fldt m", 0xDB, 5, 10, 0xDB, 7, 10}, {"fistpl m", 0xDD, 0, 8, 0xDB, 3, 4}, {"fistps m", 0xDD, 0, 8, 0xDF, 3, 2},
            {"fistpq m", 0xDD, 0, 8, 0xDF, 7, 8}, {"fisttpl m", 0xDD, 0, 8, 0xDB, 1, 4}, {"fisttpq m", 0xDD, 0, 8, 0xDD, 1, 8},
        };
        for (Object[] mv : moves) {
            int lop = (int) mv[1];
            int ld = (int) mv[2];
            int lsz = (int) mv[3];
            int sop = (int) mv[4];
            int sd = (int) mv[5];
            int ssz = (int) mv[6];
            String name = (String) mv[0];
            if (name.startsWith("fild") || name.startsWith("fldt")) {
                f.add(form(name, g -> {
                    Mem src = g.mem(lsz);
                    op(g, lop, ld, src);
                    op(g, sop, sd, g.mem(ssz));
                }));
            } else {
                both(f, name, (g, nans) -> {
                    op(g, lop, ld, value(g, lsz, nans));
                    op(g, sop, sd, g.mem(ssz));
                });
            }
        }
        arithmetic(f);
        compares(f);
    }

    private static void arithmetic(List<Form> f) {
        String[] names = {"fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"};
        for (int k : new int[] {0, 1, 4, 5, 6, 7}) {
            for (boolean pc53 : new boolean[] {false, true}) {
                both(f, names[k] + "l m" + (pc53 ? " [pc=double]" : ""), (g, nans) -> {
                    if (pc53) {
                        doublePrecision(g);
                    }
                    op(g, 0xDD, 0, value(g, 8, nans));
                    op(g, 0xDC, k, value(g, 8, nans));
                    op(g, 0xDD, 3, g.mem(8));
                });
            }
        }
        // {name, second opcode byte after D9}
        Object[][] unary = {{"fchs", 0xE0}, {"fabs", 0xE1}, {"fsqrt", 0xFA}, {"frndint", 0xFC}};
        for (Object[] u : unary) {
            int b = (int) u[1];
            both(f, (String) u[0], (g, nans) -> {
                doublePrecision(g);
                op(g, 0xDD, 0, value(g, 8, nans));
                g.emit(0xD9, b);
                op(g, 0xDD, 3, g.mem(8));
            });
        }
        String[] consts = {"fld1", "fldl2t", "fldl2e", "fldpi", "fldlg2", "fldln2", "fldz"};
        for (int k = 0; k < consts.length; k++) {
            int b = 0xE8 + k;
            f.add(form(consts[k], g -> {
                g.emit(0xD9, b);
                op(g, 0xDD, 3, g.mem(8));
            }));
        }
        both(f, "fxch", (g, nans) -> {
            op(g, 0xDD, 0, value(g, 8, nans));
            op(g, 0xDD, 0, value(g, 8, nans));
            g.emit(0xD9, 0xC9);
            op(g, 0xDD, 3, g.mem(8));
            op(g, 0xDD, 3, g.mem(8));
        });
    }

    private static void compares(List<Form> f) {
        both(f, "fcompp,fnstsw ax", (g, nans) -> twoValues(g, 0xDE, 0xD9, true, nans));
        both(f, "fucompp,fnstsw ax", (g, nans) -> twoValues(g, 0xDA, 0xE9, true, nans));
        both(f, "fcoml m,fnstsw m", (g, nans) -> {
            op(g, 0xDD, 0, value(g, 8, nans));
            op(g, 0xDC, 2, value(g, 8, nans));
            op(g, 0xDD, 7, g.mem(2));
        });
        both(f, "ftst,fnstsw ax", (g, nans) -> {
            op(g, 0xDD, 0, value(g, 8, nans));
            g.emit(0xD9, 0xE4, 0xDF, 0xE0);
        });
        both(f, "fxam,fnstsw ax", (g, nans) -> {
            op(g, 0xDD, 0, value(g, 8, nans));
            g.emit(0xD9, 0xE5, 0xDF, 0xE0);
        });
        both(f, "fcomi", (g, nans) -> twoValues(g, 0xDB, 0xF1, false, nans));
        both(f, "fucomip", (g, nans) -> twoValues(g, 0xDF, 0xE9, false, nans));
        String[] cmov = {"fcmovb", "fcmove", "fcmovbe", "fcmovu", "fcmovnb", "fcmovne", "fcmovnbe", "fcmovnu"};
        for (int k = 0; k < 8; k++) {
            int b0 = k < 4 ? 0xDA : 0xDB;
            int b1 = 0xC1 + 8 * (k & 3);
            f.add(form(cmov[k], g -> {
                op(g, 0xDD, 0, value(g, 8, false));
                op(g, 0xDD, 0, value(g, 8, false));
                g.emit(b0, b1);
                op(g, 0xDD, 3, g.mem(8));
            }));
        }
    }

    /** Loads two doubles, then the two-byte compare; {@code status}: FNSTSW AX afterwards. */
    private static void twoValues(Gen g, int b0, int b1, boolean status, boolean nans) {
        op(g, 0xDD, 0, value(g, 8, nans));
        op(g, 0xDD, 0, value(g, 8, nans));
        g.emit(b0, b1);
        if (status) {
            g.emit(0xDF, 0xE0);
        }
    }
}
