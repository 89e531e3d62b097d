package org.jvmm.hv.emu.impl.vp;

import java.util.Arrays;
import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;

/**
 * The architectural start-up states: power-on (everything, MSRs included), INIT (like power-on, but
 * x87/SSE state, MTRRs, PAT and the other MSRs survive; EFER is cleared) and the SIPI entry point
 * (real mode at {@code vv00:0000}, CS base {@code vv000}).
 */
final class ProcessorReset {
    private static final long PAT_DEFAULT = 0x0007_0406_0007_0406L;

    private ProcessorReset() {
    }

    static void powerOn(Cpu cpu) {
        cpu.reset();
        CpuState s = cpu.s;
        s.star = s.lstar = s.cstar = s.sfmask = s.kernelGsBase = s.tscAux = s.tscOffset = 0;
        s.sysenterCs = s.sysenterEsp = s.sysenterEip = 0;
        s.pat = PAT_DEFAULT;
        s.miscEnable = 1;
        s.mtrrDefType = 0;
        Arrays.fill(s.mtrrVar, 0);
        Arrays.fill(s.mtrrFixed, 0);
    }

    static void init(Cpu cpu) {
        CpuState s = cpu.s;
        long[] xmm = s.xmm.clone();
        double[] st = s.st.clone();
        int mxcsr = s.mxcsr, top = s.fpuTop, control = s.fpuControl, status = s.fpuStatus, tag = s.fpuTag;
        cpu.reset();
        System.arraycopy(xmm, 0, s.xmm, 0, xmm.length);
        System.arraycopy(st, 0, s.st, 0, st.length);
        s.mxcsr = mxcsr;
        s.fpuTop = top;
        s.fpuControl = control;
        s.fpuStatus = status;
        s.fpuTag = tag;
    }

    static void startAt(Cpu cpu, int vectorPage) {
        CpuState s = cpu.s;
        s.segSel[CpuState.CS] = (vectorPage & 0xFF) << 8;
        s.segBase[CpuState.CS] = (long) (vectorPage & 0xFF) << 12;
        s.segLimit[CpuState.CS] = 0xFFFF;
        s.rip = 0;
        s.halted = false;
        cpu.modeChanged();
    }
}
