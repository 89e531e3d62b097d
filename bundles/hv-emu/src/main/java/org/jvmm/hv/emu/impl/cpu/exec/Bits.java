package org.jvmm.hv.emu.impl.cpu.exec;

import static org.jvmm.hv.emu.impl.cpu.exec.Operands.ea;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.reg;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.setReg;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;

/** BT BTS BTR BTC, BSF BSR TZCNT LZCNT POPCNT, BSWAP. */
final class Bits {

    private Bits() {
    }

    private static void setCf(CpuState s, boolean cf) {
        long f = Flags.arith(s) & ~Flags.CF;
        Flags.setArith(s, cf ? f | Flags.CF : f);
    }

    private static long modify(int op, long v, long bit) {
        return switch (op) {
            case 1 -> v | bit;
            case 2 -> v & ~bit;
            case 3 -> v ^ bit;
            default -> v;
        };
    }

    /** BT* r/m, reg (memory operands address the bit string at any signed offset) and BT* r/m, imm8. */
    static void bitTest(Cpu c, Insn in, boolean immediate) {
        CpuState s = c.s;
        int osz = in.osz;
        int bits = osz * 8;
        long off = immediate ? in.imm : Operands.sext(reg(s.r, in.reg, osz), osz);
        long bit = 1L << (off & (bits - 1));
        int op = in.ext;
        if (!in.mem) {
            long v = reg(s.r, in.rm, osz);
            setCf(s, (v & bit) != 0);
            if (op != 0) {
                setReg(s.r, in.rm, osz, modify(op, v, bit));
            }
            return;
        }
        long lin = ea(s, in);
        if (!immediate) {
            lin += (off >> Integer.numberOfTrailingZeros(bits)) * osz;
            if (!s.long64) {
                lin &= 0xFFFF_FFFFL;
            }
        }
        Mmu mmu = c.mmu;
        if (op == 0) {
            long v = mmu.read(lin, osz);
            if (!s.faulted()) {
                setCf(s, (v & bit) != 0);
            }
            return;
        }
        long h = mmu.hostForWrite(lin, osz);
        if (h == -1) {
            return;
        }
        long v;
        if (h >= 0 && (in.prefix & Insn.LOCK) != 0 && Atomics.fits(h, osz)) {
            do {
                v = Atomics.load(mmu.ram(), h, osz);
            } while (!Atomics.cas(mmu.ram(), h, osz, v, modify(op, v, bit)));
        } else if (h >= 0) {
            v = mmu.readHost(h, osz);
            mmu.writeHost(h, osz, modify(op, v, bit));
        } else {
            v = mmu.read(lin, osz);
            mmu.write(lin, osz, modify(op, v, bit));
        }
        setCf(s, (v & bit) != 0);
    }

    /** BSF, BSR: ZF=1 and the destination unchanged for a zero source. */
    static void scan(Cpu c, Insn in, boolean forward) {
        CpuState s = c.s;
        long v = Operands.readRm(c, in);
        if (s.faulted()) {
            return;
        }
        long f = Flags.arith(s) & ~(Flags.ZF | Flags.CF | Flags.OF | Flags.SF | Flags.AF | Flags.PF);
        if (v == 0) {
            Flags.setArith(s, f | Flags.ZF);
            return;
        }
        int idx = forward ? Long.numberOfTrailingZeros(v) : 63 - Long.numberOfLeadingZeros(v);
        setReg(s.r, in.reg, in.osz, idx);
        Flags.setArith(s, f);
    }

    /** TZCNT, LZCNT: CF = source zero, ZF = result zero. */
    static void count(Cpu c, Insn in, boolean trailing) {
        CpuState s = c.s;
        int osz = in.osz;
        long v = Operands.readRm(c, in);
        if (s.faulted()) {
            return;
        }
        int bits = osz * 8;
        int n;
        if (v == 0) {
            n = bits;
        } else if (trailing) {
            n = Long.numberOfTrailingZeros(v);
        } else {
            n = Long.numberOfLeadingZeros(v) - (64 - bits);
        }
        setReg(s.r, in.reg, osz, n);
        long f = Flags.arith(s) & ~(Flags.CF | Flags.ZF);
        Flags.setArith(s, f | (v == 0 ? Flags.CF : 0) | (n == 0 ? Flags.ZF : 0));
    }

    static void popcnt(Cpu c, Insn in) {
        CpuState s = c.s;
        long v = Operands.readRm(c, in);
        if (s.faulted()) {
            return;
        }
        setReg(s.r, in.reg, in.osz, Long.bitCount(v));
        Flags.setArith(s, v == 0 ? Flags.ZF : 0);
    }

    static void bswap(Cpu c, Insn in) {
        long[] r = c.s.r;
        switch (in.osz) {
            case 8 -> r[in.reg] = Long.reverseBytes(r[in.reg]);
            case 4 -> r[in.reg] = Integer.reverseBytes((int) r[in.reg]) & 0xFFFF_FFFFL;
            default -> r[in.reg] &= ~0xFFFFL;
        }
    }
}
