package org.jvmm.hv.emu.impl.cpu.fpu;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.exec.Operands;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;

/** FXSAVE and FXRSTOR: the 512-byte x87/SSE state image (16-byte aligned). */
final class FxSave {

    static final int MXCSR_MASK = 0xFFFF;

    private FxSave() {
    }

    private static long area(Cpu c, Insn in, boolean write) {
        CpuState s = c.s;
        if ((s.cr0 & (CpuState.CR0_EM | CpuState.CR0_TS)) != 0) {
            s.raise(7);
            return -1;
        }
        long ea = Operands.ea(s, in);
        if ((ea & 15) != 0) {
            s.raise(13, 0);
            return -1;
        }
        Mmu mmu = c.mmu;
        long h = write ? mmu.hostForWrite(ea, 512) : mmu.hostForRead(ea, 512);
        return h == -1 ? -1 : ea;
    }

    static void save(Cpu c, Insn in) {
        CpuState s = c.s;
        long ea = area(c, in, true);
        if (ea < 0) {
            return;
        }
        Mmu mmu = c.mmu;
        int abridged = 0;
        for (int p = 0; p < 8; p++) {
            if (((s.fpuTag >>> (2 * p)) & 3) != 3) {
                abridged |= 1 << p;
            }
        }
        mmu.wr16(ea, s.fpuControl);
        mmu.wr16(ea + 2, X87.statusWord(s));
        mmu.wr16(ea + 4, abridged);
        mmu.wr16(ea + 6, 0);
        mmu.wr64(ea + 8, 0);
        mmu.wr64(ea + 16, 0);
        mmu.wr32(ea + 24, s.mxcsr);
        mmu.wr32(ea + 28, MXCSR_MASK);
        for (int i = 0; i < 8; i++) {
            double v = X87.st(s, i);
            mmu.wr64(ea + 32 + i * 16L, Extended.mantissa(v));
            mmu.wr64(ea + 40 + i * 16L, Extended.signExponent(v));
        }
        for (int i = 0; i < 32; i++) {
            mmu.wr64(ea + 160 + i * 8L, s.xmm[i]);
        }
    }

    static void restore(Cpu c, Insn in) {
        CpuState s = c.s;
        long ea = area(c, in, false);
        if (ea < 0) {
            return;
        }
        Mmu mmu = c.mmu;
        long mxcsr = mmu.rd32(ea + 24);
        if ((mxcsr & ~MXCSR_MASK) != 0) {
            s.raise(13, 0);
            return;
        }
        s.fpuControl = (int) mmu.rd16(ea);
        int sw = (int) mmu.rd16(ea + 2);
        s.fpuStatus = sw & ~0x3800;
        s.fpuTop = (sw >>> 11) & 7;
        int abridged = (int) mmu.rd16(ea + 4) & 0xFF;
        int tag = 0;
        for (int p = 0; p < 8; p++) {
            tag |= ((abridged >>> p) & 1) == 0 ? 3 << (2 * p) : 0;
        }
        s.fpuTag = tag;
        s.mxcsr = (int) mxcsr;
        for (int i = 0; i < 8; i++) {
            s.st[(s.fpuTop + i) & 7] = Extended.toDouble(mmu.rd64(ea + 32 + i * 16L), (int) mmu.rd16(ea + 40 + i * 16L));
        }
        for (int i = 0; i < 32; i++) {
            s.xmm[i] = mmu.rd64(ea + 160 + i * 8L);
        }
    }
}
