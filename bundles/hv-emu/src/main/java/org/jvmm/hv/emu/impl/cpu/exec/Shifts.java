package org.jvmm.hv.emu.impl.cpu.exec;

import static org.jvmm.hv.emu.impl.cpu.exec.Operands.ea;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.mask;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.reg;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.setReg;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;

/** ROL ROR RCL RCR SHL SHR SAL SAR, SHLD, SHRD. */
public final class Shifts {

    static final int ROL = 0, ROR = 1, RCL = 2, RCR = 3, SHL = 4, SHR = 5, SAL = 6, SAR = 7;

    private Shifts() {
    }

    /** Group 2 with an immediate (or implicit 1) or CL count. */
    static void shift(Cpu c, Insn in, boolean byCl) {
        CpuState s = c.s;
        int count = (int) (byCl ? s.r[1] : in.imm) & (in.osz == 8 ? 0x3F : 0x1F);
        if (!in.mem) {
            long a = reg(s.r, in.rm, in.osz);
            setReg(s.r, in.rm, in.osz, count != 0 ? apply(s, in.ext, in.osz, a, count) : a);
            return;
        }
        Mmu mmu = c.mmu;
        long lin = ea(s, in);
        long h = mmu.hostForWrite(lin, in.osz);
        if (h == -1) {
            return;
        }
        long a = h >= 0 ? mmu.readHost(h, in.osz) : mmu.read(lin, in.osz);
        if (count == 0) {
            return;
        }
        long r = apply(s, in.ext, in.osz, a, count);
        if (h >= 0) {
            mmu.writeHost(h, in.osz, r);
        } else {
            mmu.write(lin, in.osz, r);
        }
    }

    /** Shifts or rotates {@code a} by a non-zero masked count; sets flags. */
    public static long apply(CpuState s, int kind, int osz, long a, int count) {
        int bits = osz * 8;
        long m = mask(osz);
        long sign = 1L << (bits - 1);
        a &= m;
        int sz = Flags.sizeCode(osz);
        switch (kind) {
            case SHL, SAL -> {
                long r = count < 64 ? (a << count) & m : 0;
                boolean cf = count <= bits && ((a >>> (bits - count)) & 1) != 0;
                boolean of = ((r & sign) != 0) != cf;
                return shiftFlags(s, sz, r, cf, of);
            }
            case SHR -> {
                long r = a >>> count;
                boolean cf = ((a >>> (count - 1)) & 1) != 0;
                return shiftFlags(s, sz, r, cf, (a & sign) != 0);
            }
            case SAR -> {
                long sa = Operands.sext(a, osz);
                long r = (sa >> Math.min(count, 63)) & m;
                boolean cf = ((sa >> Math.min(count - 1, 63)) & 1) != 0;
                return shiftFlags(s, sz, r, cf, false);
            }
            case ROL -> {
                int n = count % bits;
                long r = n == 0 ? a : ((a << n) | (a >>> (bits - n))) & m;
                boolean cf = (r & 1) != 0;
                return rotateFlags(s, r, cf, ((r & sign) != 0) != cf);
            }
            case ROR -> {
                int n = count % bits;
                long r = n == 0 ? a : ((a >>> n) | (a << (bits - n))) & m;
                boolean msb = (r & sign) != 0;
                boolean next = (r & (sign >>> 1)) != 0;
                return rotateFlags(s, r, msb, msb != next);
            }
            case RCL -> {
                int n = bits < 32 ? count % (bits + 1) : count;
                boolean cf = Flags.cf(s);
                long r = a;
                for (int i = 0; i < n; i++) {
                    boolean out = (r & sign) != 0;
                    r = ((r << 1) | (cf ? 1 : 0)) & m;
                    cf = out;
                }
                return rotateFlags(s, r, cf, ((r & sign) != 0) != cf);
            }
            default -> {
                int n = bits < 32 ? count % (bits + 1) : count;
                boolean cf = Flags.cf(s);
                long r = a;
                boolean of = ((r & sign) != 0) != cf;
                for (int i = 0; i < n; i++) {
                    boolean out = (r & 1) != 0;
                    r = (r >>> 1) | (cf ? sign : 0);
                    cf = out;
                }
                return rotateFlags(s, r, cf, of);
            }
        }
    }

    private static long shiftFlags(CpuState s, int sz, long r, boolean cf, boolean of) {
        Flags.set(s, Flags.K_SHIFT, sz, 0, 0, r);
        s.lfAux = (cf ? Flags.CF : 0) | (of ? Flags.OF : 0);
        return r;
    }

    private static long rotateFlags(CpuState s, long r, boolean cf, boolean of) {
        Flags.setRotate(s, cf, of);
        return r;
    }

    /** SHLD/SHRD r/m, reg, imm8/CL. */
    static void doubleShift(Cpu c, Insn in, boolean left, boolean byCl) {
        CpuState s = c.s;
        int osz = in.osz;
        int count = (int) (byCl ? s.r[1] : in.imm) & (osz == 8 ? 0x3F : 0x1F);
        long src = reg(s.r, in.reg, osz);
        if (!in.mem) {
            long a = reg(s.r, in.rm, osz);
            setReg(s.r, in.rm, osz, count != 0 ? doubleShift(s, osz, a, src, count, left) : a);
            return;
        }
        Mmu mmu = c.mmu;
        long lin = ea(s, in);
        long h = mmu.hostForWrite(lin, osz);
        if (h == -1) {
            return;
        }
        long a = h >= 0 ? mmu.readHost(h, osz) : mmu.read(lin, osz);
        if (count == 0) {
            return;
        }
        long r = doubleShift(s, osz, a, src, count, left);
        if (h >= 0) {
            mmu.writeHost(h, osz, r);
        } else {
            mmu.write(lin, osz, r);
        }
    }

    private static long doubleShift(CpuState s, int osz, long a, long src, int count, boolean left) {
        int bits = osz * 8;
        long m = mask(osz);
        long sign = 1L << (bits - 1);
        a &= m;
        src &= m;
        int sz = Flags.sizeCode(osz);
        if (osz == 2 && count > 16) {
            // Undefined result; behave like a 32-bit shift of dst:src as some processors do.
            long wide = left ? (a << 16 | src) : (src << 16 | a);
            long r = left ? (wide << count) >>> 16 : wide >>> count;
            return shiftFlags(s, sz, r & m, false, false);
        }
        long r;
        boolean cf;
        if (left) {
            r = ((a << count) | (src >>> (bits - count))) & m;
            cf = ((a >>> (bits - count)) & 1) != 0;
        } else {
            r = ((a >>> count) | (src << (bits - count))) & m;
            cf = ((a >>> (count - 1)) & 1) != 0;
        }
        boolean of = ((r ^ a) & sign) != 0;
        return shiftFlags(s, sz, r, cf, of);
    }
}
