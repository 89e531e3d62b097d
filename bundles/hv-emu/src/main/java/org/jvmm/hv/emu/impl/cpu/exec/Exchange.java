package org.jvmm.hv.emu.impl.cpu.exec;

import static org.jvmm.hv.emu.impl.cpu.exec.Operands.ea;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.reg;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.setReg;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;

/** XCHG, XADD, CMPXCHG, CMPXCHG8B/16B: atomic on RAM (XCHG always, the others with LOCK). */
final class Exchange {

    private Exchange() {
    }

    static void xchg(Cpu c, Insn in) {
        CpuState s = c.s;
        int osz = in.osz;
        long v = reg(s.r, in.reg, osz);
        if (!in.mem) {
            long w = reg(s.r, in.rm, osz);
            setReg(s.r, in.rm, osz, v);
            setReg(s.r, in.reg, osz, w);
            return;
        }
        Mmu mmu = c.mmu;
        long lin = ea(s, in);
        long h = mmu.hostForWrite(lin, osz);
        long old;
        if (h >= 0) {
            old = Atomics.exchange(c, h, osz, v);
        } else if (h == Mmu.NOT_RAM) {
            old = mmu.read(lin, osz);
            mmu.write(lin, osz, v);
        } else {
            return;
        }
        setReg(s.r, in.reg, osz, old);
    }

    static void xadd(Cpu c, Insn in) {
        CpuState s = c.s;
        int osz = in.osz;
        long src = reg(s.r, in.reg, osz);
        if (!in.mem) {
            long dst = reg(s.r, in.rm, osz);
            long sum = Alu.alu(s, Alu.ADD, osz, dst, src);
            setReg(s.r, in.reg, osz, dst);
            setReg(s.r, in.rm, osz, sum);
            return;
        }
        Mmu mmu = c.mmu;
        long lin = ea(s, in);
        long h = mmu.hostForWrite(lin, osz);
        long dst;
        if (h >= 0 && Atomics.fits(h, osz)) {
            do {
                dst = Atomics.load(mmu.ram(), h, osz);
            } while (!Atomics.cas(mmu.ram(), h, osz, dst, dst + src));
        } else if (h != -1) {
            dst = mmu.read(lin, osz);
            mmu.write(lin, osz, dst + src);
        } else {
            return;
        }
        Alu.alu(s, Alu.ADD, osz, dst, src);
        setReg(s.r, in.reg, osz, dst);
    }

    static void cmpxchg(Cpu c, Insn in) {
        CpuState s = c.s;
        int osz = in.osz;
        long acc = reg(s.r, 0, osz);
        long src = reg(s.r, in.reg, osz);
        if (!in.mem) {
            long dst = reg(s.r, in.rm, osz);
            Alu.alu(s, Alu.CMP, osz, acc, dst);
            if (acc == dst) {
                setReg(s.r, in.rm, osz, src);
            } else {
                setReg(s.r, 0, osz, dst);
            }
            return;
        }
        Mmu mmu = c.mmu;
        long lin = ea(s, in);
        long h = mmu.hostForWrite(lin, osz);
        long dst;
        if (h >= 0 && Atomics.fits(h, osz)) {
            while (true) {
                dst = Atomics.load(mmu.ram(), h, osz);
                if (dst != acc || Atomics.cas(mmu.ram(), h, osz, acc, src)) {
                    break;
                }
            }
        } else if (h != -1) {
            dst = mmu.read(lin, osz);
            mmu.write(lin, osz, dst == acc ? src : dst);
        } else {
            return;
        }
        Alu.alu(s, Alu.CMP, osz, acc, dst);
        if (dst != acc) {
            setReg(s.r, 0, osz, dst);
        }
    }

    /** CMPXCHG8B (osz 4) and CMPXCHG16B (osz 8, REX.W; the operand must be 16-byte aligned). */
    static void cmpxchg8b(Cpu c, Insn in) {
        CpuState s = c.s;
        Mmu mmu = c.mmu;
        long lin = ea(s, in);
        long[] r = s.r;
        boolean equal;
        if (in.osz == 8) {
            if ((lin & 15) != 0) {
                s.raise(13, 0);
                return;
            }
            if (mmu.hostForWrite(lin, 8) == -1 || mmu.hostForWrite(lin + 8, 8) == -1) {
                return;
            }
            long lo = mmu.rd64(lin);
            long hi = mmu.rd64(lin + 8);
            equal = lo == r[0] && hi == r[2];
            if (equal) {
                mmu.wr64(lin, r[3]);
                mmu.wr64(lin + 8, r[1]);
            } else {
                r[0] = lo;
                r[2] = hi;
            }
        } else {
            long h = mmu.hostForWrite(lin, 8);
            if (h == -1) {
                return;
            }
            long expected = (r[2] & 0xFFFF_FFFFL) << 32 | (r[0] & 0xFFFF_FFFFL);
            long value = (r[1] & 0xFFFF_FFFFL) << 32 | (r[3] & 0xFFFF_FFFFL);
            long old;
            if (h >= 0 && (h & 7) == 0) {
                equal = Atomics.cas(mmu.ram(), h, 8, expected, value);
                old = equal ? expected : Atomics.load(mmu.ram(), h, 8);
            } else {
                old = mmu.rd64(lin);
                equal = old == expected;
                mmu.wr64(lin, equal ? value : old);
            }
            if (!equal) {
                r[0] = old & 0xFFFF_FFFFL;
                r[2] = old >>> 32;
            }
        }
        long f = Flags.arith(s) & ~Flags.ZF;
        Flags.setArith(s, equal ? f | Flags.ZF : f);
    }
}
