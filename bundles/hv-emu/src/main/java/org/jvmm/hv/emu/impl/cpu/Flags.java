package org.jvmm.hv.emu.impl.cpu;

/**
 * Lazy arithmetic flags. An instruction records its operation kind, operand size, operands and result
 * in {@link CpuState#lfOp} (kind << 2 | log2 size), {@code lfA}, {@code lfB}, {@code lfRes} and
 * {@code lfAux}; CF, PF, AF, ZF, SF and OF are computed from them only when read.
 */
public final class Flags {

    public static final int CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, TF = 0x100, IF = 0x200, DF = 0x400,
            OF = 0x800, IOPL = 0x3000, NT = 0x4000, RF = 0x10000, VM = 0x20000, AC = 0x40000, VIF = 0x80000,
            VIP = 0x100000, ID = 0x200000;
    public static final int ARITH_MASK = CF | PF | AF | ZF | SF | OF;

    /** The flags are in lfRes as bits (after POPF, SAHF, rotates, BT, ...). */
    public static final int K_DIRECT = 0;
    public static final int K_ADD = 1, K_ADC = 2, K_SUB = 3, K_SBB = 4, K_LOGIC = 5, K_INC = 6, K_DEC = 7, K_NEG = 8;
    /** Shifts: CF, AF and OF precomputed into lfAux as flag bits; SF, ZF, PF from lfRes. */
    public static final int K_SHIFT = 9;
    /** Multiplies: CF and OF in lfAux as flag bits. */
    public static final int K_MUL = 10;
    /** Rotates: CF and OF in lfAux; the other flags from the saved state in the lf2 fields. */
    public static final int K_ROT = 11;

    static final long[] MASK = {0xFFL, 0xFFFFL, 0xFFFF_FFFFL, -1L};
    static final long[] SIGN = {0x80L, 0x8000L, 0x8000_0000L, Long.MIN_VALUE};

    private Flags() {
    }

    /** log2 of an operand size in bytes (1, 2, 4, 8 to 0..3). */
    public static int sizeCode(int bytes) {
        return Integer.numberOfTrailingZeros(bytes);
    }

    public static long mask(int bytes) {
        return MASK[sizeCode(bytes)];
    }

    /** Records an operation for lazy evaluation. {@code sz} is the size code. */
    public static void set(CpuState s, int kind, int sz, long a, long b, long res) {
        s.lfOp = kind << 2 | sz;
        s.lfA = a;
        s.lfB = b;
        s.lfRes = res;
    }

    public static void setArith(CpuState s, long bits) {
        s.lfOp = K_DIRECT;
        s.lfRes = bits & ARITH_MASK;
    }

    public static boolean cf(CpuState s) {
        int op = s.lfOp;
        if (op >>> 2 == K_ROT) {
            return (s.lfAux & CF) != 0;
        }
        return cf(op, s.lfRes, s.lfA, s.lfB, s.lfAux);
    }

    private static boolean cf(int op, long res, long a, long b, long aux) {
        long m = MASK[op & 3];
        return switch (op >>> 2) {
            case K_ADD -> Long.compareUnsigned(res & m, a & m) < 0;
            case K_ADC -> Long.compareUnsigned(res & m, a & m) <= 0;
            case K_SUB -> Long.compareUnsigned(a & m, b & m) < 0;
            case K_SBB -> Long.compareUnsigned(a & m, b & m) <= 0;
            case K_LOGIC -> false;
            case K_INC, K_DEC -> aux != 0;
            case K_NEG -> (a & m) != 0;
            case K_SHIFT, K_MUL -> (aux & CF) != 0;
            default -> (res & CF) != 0;
        };
    }

    public static boolean zf(CpuState s) {
        int op = s.lfOp;
        return op >>> 2 == K_ROT ? zf(s.lf2Op, s.lf2Res) : zf(op, s.lfRes);
    }

    private static boolean zf(int op, long res) {
        if (op >>> 2 == K_DIRECT) {
            return (res & ZF) != 0;
        }
        return (res & MASK[op & 3]) == 0;
    }

    public static boolean sf(CpuState s) {
        int op = s.lfOp;
        return op >>> 2 == K_ROT ? sf(s.lf2Op, s.lf2Res) : sf(op, s.lfRes);
    }

    private static boolean sf(int op, long res) {
        if (op >>> 2 == K_DIRECT) {
            return (res & SF) != 0;
        }
        return (res & SIGN[op & 3]) != 0;
    }

    public static boolean pf(CpuState s) {
        int op = s.lfOp;
        return op >>> 2 == K_ROT ? pf(s.lf2Op, s.lf2Res) : pf(op, s.lfRes);
    }

    private static boolean pf(int op, long res) {
        if (op >>> 2 == K_DIRECT) {
            return (res & PF) != 0;
        }
        return (Integer.bitCount((int) res & 0xFF) & 1) == 0;
    }

    public static boolean af(CpuState s) {
        int op = s.lfOp;
        if (op >>> 2 == K_ROT) {
            return af(s.lf2Op, s.lf2Res, s.lf2A, s.lf2B, s.lf2Aux);
        }
        return af(op, s.lfRes, s.lfA, s.lfB, s.lfAux);
    }

    private static boolean af(int op, long res, long a, long b, long aux) {
        return switch (op >>> 2) {
            case K_ADD, K_ADC, K_SUB, K_SBB, K_INC, K_DEC, K_NEG -> ((a ^ b ^ res) & AF) != 0;
            case K_LOGIC, K_MUL -> false;
            case K_SHIFT -> (aux & AF) != 0;
            default -> (res & AF) != 0;
        };
    }

    public static boolean of(CpuState s) {
        int op = s.lfOp;
        if (op >>> 2 == K_ROT) {
            return (s.lfAux & OF) != 0;
        }
        return of(op, s.lfRes, s.lfA, s.lfB, s.lfAux);
    }

    private static boolean of(int op, long res, long a, long b, long aux) {
        long sign = SIGN[op & 3];
        return switch (op >>> 2) {
            case K_ADD, K_ADC -> ((a ^ res) & (b ^ res) & sign) != 0;
            case K_SUB, K_SBB -> ((a ^ b) & (a ^ res) & sign) != 0;
            case K_LOGIC -> false;
            case K_INC -> (res & MASK[op & 3]) == sign;
            case K_DEC -> (res & MASK[op & 3]) == sign - 1;
            case K_NEG -> (res & MASK[op & 3]) == sign;
            case K_SHIFT, K_MUL -> (aux & OF) != 0;
            default -> (res & OF) != 0;
        };
    }

    /** A rotate: sets CF and OF, keeps the other four flags. */
    public static void setRotate(CpuState s, boolean cf, boolean of) {
        if (s.lfOp >>> 2 != K_ROT) {
            s.lf2Op = s.lfOp;
            s.lf2Res = s.lfRes;
            s.lf2A = s.lfA;
            s.lf2B = s.lfB;
            s.lf2Aux = s.lfAux;
            s.lfOp = K_ROT << 2;
        }
        s.lfAux = (cf ? CF : 0) | (of ? OF : 0);
    }

    /** The six arithmetic flags as RFLAGS bits. */
    public static long arith(CpuState s) {
        if (s.lfOp >>> 2 == K_DIRECT) {
            return s.lfRes & ARITH_MASK;
        }
        long f = 0;
        if (cf(s)) {
            f |= CF;
        }
        if (pf(s)) {
            f |= PF;
        }
        if (af(s)) {
            f |= AF;
        }
        if (zf(s)) {
            f |= ZF;
        }
        if (sf(s)) {
            f |= SF;
        }
        if (of(s)) {
            f |= OF;
        }
        return f;
    }

    /** Evaluates condition code {@code cc} (0..15, as in Jcc/SETcc/CMOVcc). */
    public static boolean cond(CpuState s, int cc) {
        int op = s.lfOp;
        int kind = op >>> 2;
        if (kind == K_SUB) {
            int sz = op & 3;
            long m = MASK[sz];
            long a = s.lfA & m;
            long b = s.lfB & m;
            int sh = 64 - (8 << sz);
            boolean r = switch (cc >>> 1) {
                case 0 -> of(s);
                case 1 -> Long.compareUnsigned(a, b) < 0;
                case 2 -> a == b;
                case 3 -> Long.compareUnsigned(a, b) <= 0;
                case 4 -> (s.lfRes & SIGN[sz]) != 0;
                case 5 -> pf(s);
                case 6 -> a << sh < b << sh;
                default -> a << sh <= b << sh;
            };
            return r ^ ((cc & 1) != 0);
        }
        if (kind == K_LOGIC) {
            int sz = op & 3;
            long res = s.lfRes & MASK[sz];
            boolean r = switch (cc >>> 1) {
                case 0, 1 -> false;
                case 2, 3 -> res == 0;
                case 4, 6 -> (res & SIGN[sz]) != 0;
                case 5 -> pf(s);
                default -> res == 0 || (res & SIGN[sz]) != 0;
            };
            return r ^ ((cc & 1) != 0);
        }
        if (kind != K_DIRECT && kind != K_ROT && (cc >>> 1) == 2) {
            return ((s.lfRes & MASK[op & 3]) == 0) ^ ((cc & 1) != 0);
        }
        return condSlow(s, cc);
    }

    private static boolean condSlow(CpuState s, int cc) {
        boolean r = switch (cc >>> 1) {
            case 0 -> of(s);
            case 1 -> cf(s);
            case 2 -> zf(s);
            case 3 -> cf(s) || zf(s);
            case 4 -> sf(s);
            case 5 -> pf(s);
            case 6 -> sf(s) != of(s);
            default -> zf(s) || sf(s) != of(s);
        };
        return r ^ ((cc & 1) != 0);
    }
}
