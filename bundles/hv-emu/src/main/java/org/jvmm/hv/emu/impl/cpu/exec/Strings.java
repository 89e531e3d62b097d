package org.jvmm.hv.emu.impl.cpu.exec;

import static org.jvmm.hv.emu.impl.cpu.exec.Operands.linear;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.mask;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.reg;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.setReg;

import java.lang.foreign.MemorySegment;
import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;

/**
 * MOVS, STOS, LODS, CMPS, SCAS with REP/REPE/REPNE and DF. Registers are updated per element so a
 * fault mid-way restarts correctly; a long REP yields after a bounded number of steps (the
 * instruction restarts with the remaining count) so interrupts and stop requests are seen.
 * Forward REP MOVS/STOS in RAM copy or fill up to a page at a time.
 */
final class Strings {

    /** Loop steps (elements or page chunks) before a REP instruction yields. */
    static final int STEPS = 1024;

    private Strings() {
    }

    static boolean rep(Insn in) {
        return (in.prefix & (Insn.REP | Insn.REPNE)) != 0;
    }

    static int destSeg(CpuState s) {
        return s.long64 ? -1 : CpuState.ES;
    }

    static long delta(CpuState s, int osz) {
        return (s.flags & Flags.DF) != 0 ? -osz : osz;
    }

    /** Ends a REP instruction early; it restarts at the same RIP with the remaining count. */
    static void yieldRep(CpuState s, Insn in) {
        s.rip = in.rip;
        s.pending |= CpuState.P_END;
    }

    static void movs(Cpu c, Insn in) {
        CpuState s = c.s;
        long[] r = s.r;
        int osz = in.osz;
        int asz = in.asz;
        long am = mask(asz);
        boolean rep = rep(in);
        long delta = delta(s, osz);
        int ds = destSeg(s);
        long count = rep ? r[1] & am : 1;
        for (int step = 0; count != 0; step++) {
            if (step == STEPS) {
                yieldRep(s, in);
                return;
            }
            long si = r[6] & am;
            long di = r[7] & am;
            long src = linear(s, in.seg, si);
            long dst = linear(s, ds, di);
            if (rep && delta > 0 && count > 1) {
                long n = chunkMovs(c, src, dst, osz, count);
                if (n < 0) {
                    return;
                }
                if (n > 0) {
                    setReg(r, 6, asz, si + n * osz);
                    setReg(r, 7, asz, di + n * osz);
                    count -= n;
                    setReg(r, 1, asz, count);
                    continue;
                }
            }
            long v = c.mmu.read(src, osz);
            if (s.faulted()) {
                return;
            }
            c.mmu.write(dst, osz, v);
            if (s.faulted()) {
                return;
            }
            setReg(r, 6, asz, si + delta);
            setReg(r, 7, asz, di + delta);
            count--;
            if (rep) {
                setReg(r, 1, asz, count);
            }
        }
    }

    /** Elements within one source and one destination page. */
    private static long chunk(long a, long b, int osz, long count) {
        long room = Math.min(0x1000 - (a & 0xFFF), 0x1000 - (b & 0xFFF)) / osz;
        return Math.min(room, count);
    }

    /** Copies a page-bounded run in RAM; returns elements done (0: use the element loop), -1 on fault. */
    private static long chunkMovs(Cpu c, long src, long dst, int osz, long count) {
        long n = chunk(src, dst, osz, count);
        if (n < 2) {
            return 0;
        }
        int bytes = (int) (n * osz);
        Mmu mmu = c.mmu;
        long hs = mmu.hostForRead(src, bytes);
        if (hs == -1) {
            return -1;
        }
        long hd = mmu.hostForWrite(dst, bytes);
        if (hd == -1) {
            return -1;
        }
        if (hs < 0 || hd < 0) {
            return 0;
        }
        MemorySegment ram = mmu.ram();
        if (hd > hs && hd < hs + bytes) {
            for (long k = 0; k < bytes; k += osz) {
                mmu.writeHost(hd + k, osz, mmu.readHost(hs + k, osz));
            }
        } else {
            MemorySegment.copy(ram, hs, ram, hd, bytes);
        }
        return n;
    }

    static void stos(Cpu c, Insn in) {
        CpuState s = c.s;
        long[] r = s.r;
        int osz = in.osz;
        int asz = in.asz;
        long am = mask(asz);
        boolean rep = rep(in);
        long delta = delta(s, osz);
        int ds = destSeg(s);
        long v = reg(r, 0, osz);
        long count = rep ? r[1] & am : 1;
        for (int step = 0; count != 0; step++) {
            if (step == STEPS) {
                yieldRep(s, in);
                return;
            }
            long di = r[7] & am;
            long dst = linear(s, ds, di);
            if (rep && delta > 0 && count > 1) {
                long n = chunkStos(c, dst, osz, count, v);
                if (n < 0) {
                    return;
                }
                if (n > 0) {
                    setReg(r, 7, asz, di + n * osz);
                    count -= n;
                    setReg(r, 1, asz, count);
                    continue;
                }
            }
            c.mmu.write(dst, osz, v);
            if (s.faulted()) {
                return;
            }
            setReg(r, 7, asz, di + delta);
            count--;
            if (rep) {
                setReg(r, 1, asz, count);
            }
        }
    }

    private static long chunkStos(Cpu c, long dst, int osz, long count, long v) {
        long n = chunk(dst, dst, osz, count);
        if (n < 2) {
            return 0;
        }
        int bytes = (int) (n * osz);
        Mmu mmu = c.mmu;
        long hd = mmu.hostForWrite(dst, bytes);
        if (hd == -1) {
            return -1;
        }
        if (hd < 0) {
            return 0;
        }
        long b = v & 0xFF;
        long splat = b * 0x0101_0101_0101_0101L;
        if ((v & mask(osz)) == (splat & mask(osz))) {
            mmu.ram().asSlice(hd, bytes).fill((byte) b);
        } else {
            for (long k = 0; k < bytes; k += osz) {
                mmu.writeHost(hd + k, osz, v);
            }
        }
        return n;
    }

    static void lods(Cpu c, Insn in) {
        CpuState s = c.s;
        long[] r = s.r;
        int osz = in.osz;
        int asz = in.asz;
        long am = mask(asz);
        boolean rep = rep(in);
        long delta = delta(s, osz);
        long count = rep ? r[1] & am : 1;
        for (int step = 0; count != 0; step++) {
            if (step == STEPS) {
                yieldRep(s, in);
                return;
            }
            long si = r[6] & am;
            long v = c.mmu.read(linear(s, in.seg, si), osz);
            if (s.faulted()) {
                return;
            }
            setReg(r, 0, osz, v);
            setReg(r, 6, asz, si + delta);
            count--;
            if (rep) {
                setReg(r, 1, asz, count);
            }
        }
    }

    /** CMPS (scan false) and SCAS (scan true) with REPE/REPNE termination on ZF. */
    static void compare(Cpu c, Insn in, boolean scan) {
        CpuState s = c.s;
        long[] r = s.r;
        int osz = in.osz;
        int asz = in.asz;
        long am = mask(asz);
        int prefix = in.prefix & (Insn.REP | Insn.REPNE);
        long delta = delta(s, osz);
        int ds = destSeg(s);
        long count = prefix != 0 ? r[1] & am : 1;
        for (int step = 0; count != 0; step++) {
            if (step == STEPS) {
                yieldRep(s, in);
                return;
            }
            long si = r[6] & am;
            long di = r[7] & am;
            long a;
            if (scan) {
                a = reg(r, 0, osz);
            } else {
                a = c.mmu.read(linear(s, in.seg, si), osz);
                if (s.faulted()) {
                    return;
                }
            }
            long b = c.mmu.read(linear(s, ds, di), osz);
            if (s.faulted()) {
                return;
            }
            Alu.alu(s, Alu.CMP, osz, a, b);
            if (!scan) {
                setReg(r, 6, asz, si + delta);
            }
            setReg(r, 7, asz, di + delta);
            if (prefix == 0) {
                return;
            }
            count--;
            setReg(r, 1, asz, count);
            boolean zf = Flags.zf(s);
            if (prefix == Insn.REP ? !zf : zf) {
                return;
            }
        }
    }
}
