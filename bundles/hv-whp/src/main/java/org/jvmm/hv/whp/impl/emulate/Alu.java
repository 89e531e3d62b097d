package org.jvmm.hv.whp.impl.emulate;

/**
 * The eight ALU operations of opcodes 00-3F and 80-83 (in their ModRM.reg/opcode order: ADD OR ADC SBB
 * AND SUB XOR CMP) on 1-, 2-, 4- or 8-byte operands, with the arithmetic flags they set.
 */
public final class Alu {
    public static final int ADD = 0;
    public static final int OR = 1;
    public static final int ADC = 2;
    public static final int SBB = 3;
    public static final int AND = 4;
    public static final int SUB = 5;
    public static final int XOR = 6;
    public static final int CMP = 7;

    public static final long CF = 1L;
    public static final long PF = 1L << 2;
    public static final long AF = 1L << 4;
    public static final long ZF = 1L << 6;
    public static final long SF = 1L << 7;
    public static final long OF = 1L << 11;
    public static final long DF = 1L << 10;
    private static final long ARITHMETIC = CF | PF | AF | ZF | SF | OF;

    private Alu() {
    }

    public static long mask(int size) {
        return size == 8 ? -1L : (1L << (8 * size)) - 1;
    }

    /** The result of {@code a op b} truncated to {@code size} bytes; ADC and SBB use CF of {@code rflags}. */
    public static long result(int op, int size, long a, long b, long rflags) {
        long carry = carryIn(op, rflags);
        long r = switch (op) {
            case ADD, ADC -> a + b + carry;
            case SUB, SBB, CMP -> a - b - carry;
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            default -> throw new IllegalArgumentException("ALU operation " + op);
        };
        return r & mask(size);
    }

    /** {@code rflags} with CF PF AF ZF SF OF as {@code a op b = r} sets them. */
    public static long flags(int op, int size, long a, long b, long r, long rflags) {
        long m = mask(size);
        long sign = 1L << (8 * size - 1);
        a &= m;
        b &= m;
        long carry = carryIn(op, rflags);
        long f = 0;
        switch (op) {
            case ADD, ADC -> {
                f |= carryOut(a, b, carry, r, m) ? CF : 0;
                f |= ((a ^ r) & (b ^ r) & sign) != 0 ? OF : 0;
                f |= ((a ^ b ^ r) & 0x10) != 0 ? AF : 0;
            }
            case SUB, SBB, CMP -> {
                f |= borrow(a, b, carry) ? CF : 0;
                f |= ((a ^ b) & (a ^ r) & sign) != 0 ? OF : 0;
                f |= ((a ^ b ^ r) & 0x10) != 0 ? AF : 0;
            }
            default -> { }
        }
        f |= r == 0 ? ZF : 0;
        f |= (r & sign) != 0 ? SF : 0;
        f |= (Long.bitCount(r & 0xFF) & 1) == 0 ? PF : 0;
        return (rflags & ~ARITHMETIC) | f;
    }

    private static long carryIn(int op, long rflags) {
        return (op == ADC || op == SBB) ? rflags & CF : 0;
    }

    private static boolean carryOut(long a, long b, long carry, long r, long m) {
        if (m != -1L) {
            return a + b + carry > m;
        }
        return Long.compareUnsigned(r, a) < 0 || (carry != 0 && r == a);
    }

    private static boolean borrow(long a, long b, long carry) {
        return Long.compareUnsigned(a, b) < 0 || (carry != 0 && a == b);
    }
}
