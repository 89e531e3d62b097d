package org.jvmm.hv.emu.impl.cpu.exec;

import static org.jvmm.hv.emu.impl.cpu.exec.Operands.reg;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.setReg;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.sext;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;

/** MUL, IMUL (one, two and three operands), DIV, IDIV (#DE on zero divisor or overflow). */
final class MulDiv {

    private MulDiv() {
    }

    private static void mulFlags(CpuState s, int osz, long low, boolean overflow) {
        Flags.set(s, Flags.K_MUL, Flags.sizeCode(osz), 0, 0, low);
        s.lfAux = overflow ? Flags.CF | Flags.OF : 0;
    }

    static void mul(Cpu c, Insn in) {
        CpuState s = c.s;
        long b = Operands.readRm(c, in);
        if (s.faulted()) {
            return;
        }
        long[] r = s.r;
        switch (in.osz) {
            case 1 -> {
                long p = (r[0] & 0xFF) * b;
                setReg(r, 0, 2, p);
                mulFlags(s, 1, p, (p & 0xFF00) != 0);
            }
            case 2 -> {
                long p = (r[0] & 0xFFFF) * b;
                setReg(r, 0, 2, p);
                setReg(r, 2, 2, p >>> 16);
                mulFlags(s, 2, p, (p >>> 16) != 0);
            }
            case 4 -> {
                long p = (r[0] & 0xFFFF_FFFFL) * b;
                r[0] = p & 0xFFFF_FFFFL;
                r[2] = p >>> 32;
                mulFlags(s, 4, p, (p >>> 32) != 0);
            }
            default -> {
                long a = r[0];
                long hi = Math.unsignedMultiplyHigh(a, b);
                r[0] = a * b;
                r[2] = hi;
                mulFlags(s, 8, r[0], hi != 0);
            }
        }
    }

    static void imul1(Cpu c, Insn in) {
        CpuState s = c.s;
        long b = Operands.readRm(c, in);
        if (s.faulted()) {
            return;
        }
        long[] r = s.r;
        int osz = in.osz;
        if (osz == 8) {
            long a = r[0];
            long hi = Math.multiplyHigh(a, b);
            long lo = a * b;
            r[0] = lo;
            r[2] = hi;
            mulFlags(s, 8, lo, hi != (lo >> 63));
            return;
        }
        long p = sext(reg(r, 0, osz), osz) * sext(b, osz);
        boolean overflow = p != sext(p, osz);
        switch (osz) {
            case 1 -> setReg(r, 0, 2, p);
            case 2 -> {
                setReg(r, 0, 2, p);
                setReg(r, 2, 2, p >>> 16);
            }
            default -> {
                r[0] = p & 0xFFFF_FFFFL;
                r[2] = (p >>> 32) & 0xFFFF_FFFFL;
            }
        }
        mulFlags(s, osz, p, overflow);
    }

    /** IMUL reg, r/m and IMUL reg, r/m, imm. */
    static void imul2(Cpu c, Insn in, boolean immediate) {
        CpuState s = c.s;
        long b = Operands.readRm(c, in);
        if (s.faulted()) {
            return;
        }
        long a = immediate ? in.imm : reg(s.r, in.reg, in.osz);
        int osz = in.osz;
        long lo;
        boolean overflow;
        if (osz == 8) {
            lo = a * b;
            overflow = Math.multiplyHigh(a, b) != (lo >> 63);
        } else {
            long p = sext(a, osz) * sext(b, osz);
            lo = p;
            overflow = p != sext(p, osz);
        }
        setReg(s.r, in.reg, osz, lo);
        mulFlags(s, osz, lo, overflow);
    }

    static void div(Cpu c, Insn in) {
        CpuState s = c.s;
        long v = Operands.readRm(c, in);
        if (s.faulted()) {
            return;
        }
        if (v == 0) {
            s.raise(0);
            return;
        }
        long[] r = s.r;
        switch (in.osz) {
            case 1 -> {
                long n = r[0] & 0xFFFF;
                long q = n / v;
                if (q > 0xFF) {
                    s.raise(0);
                    return;
                }
                setReg(r, 0, 2, (n % v) << 8 | q);
            }
            case 2 -> {
                long n = (r[2] & 0xFFFF) << 16 | (r[0] & 0xFFFF);
                long q = n / v;
                if (q > 0xFFFF) {
                    s.raise(0);
                    return;
                }
                setReg(r, 0, 2, q);
                setReg(r, 2, 2, n % v);
            }
            case 4 -> {
                long n = (r[2] & 0xFFFF_FFFFL) << 32 | (r[0] & 0xFFFF_FFFFL);
                long q = Long.divideUnsigned(n, v);
                if ((q >>> 32) != 0) {
                    s.raise(0);
                    return;
                }
                r[0] = q;
                r[2] = Long.remainderUnsigned(n, v);
            }
            default -> {
                if (Long.compareUnsigned(r[2], v) >= 0) {
                    s.raise(0);
                    return;
                }
                divide128(s, r[2], r[0], v);
            }
        }
    }

    static void idiv(Cpu c, Insn in) {
        CpuState s = c.s;
        int osz = in.osz;
        long v = Operands.readRm(c, in);
        if (s.faulted()) {
            return;
        }
        if (v == 0) {
            s.raise(0);
            return;
        }
        long[] r = s.r;
        if (osz == 8) {
            idiv64(s, v);
            return;
        }
        long d = sext(v, osz);
        long n = switch (osz) {
            case 1 -> (short) r[0];
            case 2 -> (int) ((r[2] & 0xFFFF) << 16 | (r[0] & 0xFFFF));
            default -> (r[2] << 32) | (r[0] & 0xFFFF_FFFFL);
        };
        if (osz == 4 && n == Long.MIN_VALUE && d == -1) {
            s.raise(0);
            return;
        }
        long q = n / d;
        long rem = n % d;
        if (q != sext(q, osz)) {
            s.raise(0);
            return;
        }
        switch (osz) {
            case 1 -> setReg(r, 0, 2, (rem & 0xFF) << 8 | (q & 0xFF));
            case 2 -> {
                setReg(r, 0, 2, q);
                setReg(r, 2, 2, rem);
            }
            default -> {
                r[0] = q & 0xFFFF_FFFFL;
                r[2] = rem & 0xFFFF_FFFFL;
            }
        }
    }

    private static void idiv64(CpuState s, long d) {
        long origHi = s.r[2];
        long origLo = s.r[0];
        long hi = origHi;
        long lo = origLo;
        boolean negN = hi < 0;
        if (negN) {
            lo = -lo;
            hi = ~hi + (lo == 0 ? 1 : 0);
        }
        boolean negD = d < 0;
        long ud = negD ? -d : d;
        if (Long.compareUnsigned(hi, ud) >= 0) {
            s.raise(0);
            return;
        }
        divide128(s, hi, lo, ud);
        long q = s.r[0];
        long rem = s.r[2];
        boolean negQ = negN != negD;
        if (negQ ? Long.compareUnsigned(q, Long.MIN_VALUE) > 0 : q < 0) {
            s.r[0] = origLo;
            s.r[2] = origHi;
            s.raise(0);
            return;
        }
        s.r[0] = negQ ? -q : q;
        s.r[2] = negN ? -rem : rem;
    }

    /** Unsigned (u1:u0) / v with u1 < v: quotient to RAX, remainder to RDX. */
    static void divide128(CpuState s, long u1, long u0, long v) {
        if (u1 == 0) {
            s.r[0] = Long.divideUnsigned(u0, v);
            s.r[2] = Long.remainderUnsigned(u0, v);
            return;
        }
        final long b = 1L << 32;
        int sh = Long.numberOfLeadingZeros(v);
        v <<= sh;
        long vn1 = v >>> 32;
        long vn0 = v & 0xFFFF_FFFFL;
        long un32 = (u1 << sh) | (sh == 0 ? 0 : u0 >>> (64 - sh));
        long un10 = u0 << sh;
        long un1 = un10 >>> 32;
        long un0 = un10 & 0xFFFF_FFFFL;
        long q1 = Long.divideUnsigned(un32, vn1);
        long rhat = un32 - q1 * vn1;
        while (Long.compareUnsigned(q1, b) >= 0 || Long.compareUnsigned(q1 * vn0, b * rhat + un1) > 0) {
            q1--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, b) >= 0) {
                break;
            }
        }
        long un21 = un32 * b + un1 - q1 * v;
        long q0 = Long.divideUnsigned(un21, vn1);
        rhat = un21 - q0 * vn1;
        while (Long.compareUnsigned(q0, b) >= 0 || Long.compareUnsigned(q0 * vn0, b * rhat + un0) > 0) {
            q0--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, b) >= 0) {
                break;
            }
        }
        s.r[0] = q1 * b + q0;
        s.r[2] = (un21 * b + un0 - q0 * v) >>> sh;
    }
}
