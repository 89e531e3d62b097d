package org.jvmm.hv.emu.impl.cpu.fpu;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;

/** FNSTENV, FLDENV, FNSAVE, FRSTOR in the 32-bit protected-mode layout (28 and 108 bytes). */
final class X87Environment {

    private X87Environment() {
    }

    static void exec(Cpu c, Insn in, long ea) {
        int g = in.reg & 7;
        boolean save = in.ext == 5;
        if (g == 6) {
            store(c, ea, save);
        } else {
            load(c, ea, save);
        }
    }

    private static int tagWord(CpuState s) {
        int t = 0;
        for (int p = 0; p < 8; p++) {
            t |= X87.fullTag(s, p) << (2 * p);
        }
        return t;
    }

    private static void store(Cpu c, long ea, boolean save) {
        CpuState s = c.s;
        Mmu mmu = c.mmu;
        if (mmu.hostForWrite(ea, save ? 108 : 28) == -1) {
            return;
        }
        mmu.wr32(ea, s.fpuControl | 0xFFFF_0000L);
        mmu.wr32(ea + 4, X87.statusWord(s) | 0xFFFF_0000L);
        mmu.wr32(ea + 8, tagWord(s) | 0xFFFF_0000L);
        for (int k = 12; k < 28; k += 4) {
            mmu.wr32(ea + k, 0);
        }
        if (save) {
            for (int i = 0; i < 8; i++) {
                double v = X87.st(s, i);
                mmu.wr64(ea + 28 + i * 10L, Extended.mantissa(v));
                mmu.wr16(ea + 36 + i * 10L, Extended.signExponent(v));
            }
            X87.init(s);
        }
        s.fpuControl |= 0x3F;
    }

    private static void load(Cpu c, long ea, boolean save) {
        CpuState s = c.s;
        Mmu mmu = c.mmu;
        long cw = mmu.rd16(ea);
        long sw = mmu.rd16(ea + 4);
        long tw = mmu.rd16(ea + 8);
        if (s.faulted()) {
            return;
        }
        if (save && mmu.hostForRead(ea, 108) == -1) {
            return;
        }
        s.fpuControl = (int) cw;
        s.fpuStatus = (int) sw & ~0x3800;
        s.fpuTop = (int) (sw >>> 11) & 7;
        int tag = 0;
        for (int p = 0; p < 8; p++) {
            tag |= (((tw >>> (2 * p)) & 3) == 3 ? 3 : 0) << (2 * p);
        }
        s.fpuTag = tag;
        if (save) {
            for (int i = 0; i < 8; i++) {
                s.st[(s.fpuTop + i) & 7] = Extended.toDouble(mmu.rd64(ea + 28 + i * 10L), (int) mmu.rd16(ea + 36 + i * 10L));
            }
        }
    }
}
