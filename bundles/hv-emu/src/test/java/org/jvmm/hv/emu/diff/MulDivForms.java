package org.jvmm.hv.emu.diff;

import java.math.BigInteger;
import java.util.List;
import org.jvmm.hv.emu.diff.Opnd.Mem;
import org.jvmm.hv.emu.diff.Opnd.Reg;

/**
 * MUL and IMUL (one, two and three operands; CF and OF defined), DIV and IDIV (no flags defined)
 * with dividends and divisors chosen so the quotient fits: no #DE on the host.
 */
final class MulDivForms {

    private MulDivForms() {
    }

    static void add(List<Form> f) {
        for (int sz : Form.SIZES) {
            String s = Form.suffix(sz);
            String r = Form.reg(sz);
            int w = sz == 1 ? 0 : 1;
            for (int digit = 4; digit <= 5; digit++) {
                String m = (digit == 4 ? "mul" : "imul") + s;
                int d = digit;
                f.add(new Form(m + " " + r, g -> {
                    g.emit(g.insn().size(sz).op(0xF6 + w).modrm(d, g.gpr(sz)));
                    g.mask(Fl.MUL);
                }));
                f.add(new Form(m + " m", g -> {
                    g.emit(g.insn().size(sz).op(0xF6 + w).modrm(d, g.mem(sz)));
                    g.mask(Fl.MUL);
                }));
            }
            for (boolean signed : new boolean[] {false, true}) {
                String m = (signed ? "idiv" : "div") + s;
                f.add(new Form(m + " " + r, g -> div(g, sz, signed, false)));
                f.add(new Form(m + " m", g -> div(g, sz, signed, true)));
            }
            if (sz > 1) {
                imul(f, sz);
            }
        }
    }

    private static void imul(List<Form> f, int sz) {
        String m = "imul" + Form.suffix(sz);
        String r = Form.reg(sz);
        int full = Math.min(sz, 4);
        for (String src : new String[] {r, "m"}) {
            boolean mem = src.equals("m");
            f.add(new Form(m + " " + src + "," + r, g -> {
                Reg d = g.gpr(sz);
                g.emit(g.insn().size(sz).op(0x0F, 0xAF).modrm(d, mem ? g.mem(sz) : g.gpr(sz)));
                g.mask(Fl.MUL);
            }));
            f.add(new Form(m + " imm," + src + "," + r, g -> {
                Reg d = g.gpr(sz);
                Opnd s = mem ? g.mem(sz) : g.gpr(sz);
                if (g.rnd.nextBoolean()) {
                    g.emit(g.insn().size(sz).op(0x6B).modrm(d, s).imm(g.imm(1), 1));
                } else {
                    g.emit(g.insn().size(sz).op(0x69).modrm(d, s).imm(g.imm(full), full));
                }
                g.mask(Fl.MUL);
            }));
        }
    }

    private static void div(Gen g, int sz, boolean signed, boolean mem) {
        int bits = sz * 8;
        g.pin(0);
        if (sz > 1) {
            g.pin(2);
        }
        BigInteger[] qd = signed ? signedDividend(g, bits) : unsignedDividend(g, bits);
        BigInteger dividend = qd[0];
        long divisor = qd[1].longValue();
        long lo = dividend.longValue();
        long hi = dividend.shiftRight(bits).longValue();
        long keep = bits == 64 ? 0 : -1L << bits;
        if (sz == 1) {
            g.in.gpr[0] = g.in.gpr[0] & ~0xFFFFL | dividend.longValue() & 0xFFFF;
        } else {
            g.in.gpr[0] = g.in.gpr[0] & keep | lo & ~keep;
            g.in.gpr[2] = g.in.gpr[2] & keep | hi & ~keep;
        }
        Opnd src;
        if (mem) {
            Mem m = g.mem(sz);
            g.put(m.target(), sz, divisor);
            src = m;
        } else {
            Reg r = g.gpr(sz);
            int shift = r.high() ? 8 : 0;
            long field = (bits == 64 ? -1L : (1L << bits) - 1) << shift;
            g.in.gpr[r.gpr()] = g.in.gpr[r.gpr()] & ~field | divisor << shift & field;
            g.pin(r.gpr());
            src = r;
        }
        g.emit(g.insn().size(sz).op(sz == 1 ? 0xF6 : 0xF7).modrm(signed ? 7 : 6, src));
        g.mask(0);
    }

    private static BigInteger mask(int bits) {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    /** {dividend (2*bits wide, unsigned), divisor}: the high half is below the divisor. */
    private static BigInteger[] unsignedDividend(Gen g, int bits) {
        BigInteger d;
        do {
            d = BigInteger.valueOf(g.value()).and(mask(bits));
        } while (d.signum() == 0);
        BigInteger hi = BigInteger.valueOf(g.rnd.nextLong()).and(mask(bits)).mod(d);
        if (g.rnd.nextInt(4) == 0) {
            hi = BigInteger.ZERO;
        }
        BigInteger lo = BigInteger.valueOf(g.value()).and(mask(bits));
        return new BigInteger[] {hi.shiftLeft(bits).or(lo), d};
    }

    /** {dividend (2*bits wide, two's complement), divisor} whose truncated quotient fits in bits. */
    private static BigInteger[] signedDividend(Gen g, int bits) {
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        while (true) {
            BigInteger d = BigInteger.valueOf(g.value() << (64 - bits) >> (64 - bits));
            if (d.signum() == 0) {
                continue;
            }
            BigInteger dividend;
            if (g.rnd.nextBoolean()) {
                dividend = BigInteger.valueOf(g.value() << (64 - bits) >> (64 - bits));
            } else {
                BigInteger q = BigInteger.valueOf(g.value() << (64 - bits) >> (64 - bits));
                BigInteger r = BigInteger.valueOf(g.rnd.nextLong()).mod(d.abs());
                dividend = q.multiply(d).add(q.signum() * d.signum() < 0 ? r.negate() : r);
            }
            BigInteger q = dividend.divide(d);
            if (q.compareTo(min) >= 0 && q.compareTo(max) <= 0) {
                return new BigInteger[] {dividend.and(mask(2 * bits)), d.and(mask(bits))};
            }
        }
    }
}
