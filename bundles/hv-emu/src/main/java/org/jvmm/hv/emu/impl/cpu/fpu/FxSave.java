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

    /**
     * Checks that the 512-byte image at linear address {@code ea} may be accessed: #NM with CR0.EM or
     * CR0.TS, #GP unless 16-byte aligned, #PF/#GP from the MMU. False once an exception is raised.
     * (Addresses in the upper half are negative longs, so the address itself cannot carry failure.)
     */
    private static boolean accessible(Cpu c, long ea, boolean write) {
        CpuState s = c.s;
        if ((s.cr0 & (CpuState.CR0_EM | CpuState.CR0_TS)) != 0) {
            s.raise(7);
            return false;
        }
        if ((ea & 15) != 0) {
            s.raise(13, 0);
            return false;
        }
        Mmu mmu = c.mmu;
        return (write ? mmu.hostForWrite(ea, 512) : mmu.hostForRead(ea, 512)) != -1;
    }

    static void save(Cpu c, Insn in) {
        CpuState s = c.s;
        long ea = Operands.ea(s, in);
        if (!accessible(c, ea, true)) {
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
        long ea = Operands.ea(s, in);
        if (!accessible(c, ea, false)) {
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
