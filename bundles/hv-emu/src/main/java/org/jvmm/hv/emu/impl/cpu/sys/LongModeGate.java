package org.jvmm.hv.emu.impl.cpu.sys;

import static org.jvmm.hv.emu.impl.cpu.CpuState.CS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.SS;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;

/** 64-bit interrupt and trap gates: IST stacks, RSPn from the TSS, 16-byte aligned 8-byte frames. */
final class LongModeGate {

    private LongModeGate() {
    }

    static boolean deliver(Cpu c, int v, boolean software, boolean hasCode, int code, int ext) {
        CpuState s = c.s;
        int idtCode = v * 8 + 2 + ext;
        if (v * 16 + 15 > s.idtrLimit) {
            s.raise(13, idtCode);
            return false;
        }
        long lo = Interrupts.readSystem(c, s.idtrBase + v * 16L, 8);
        long hi = Interrupts.readSystem(c, s.idtrBase + v * 16L + 8, 8);
        if (s.faulted()) {
            return false;
        }
        int type = (int) (lo >>> 40) & 0x1F;
        if (type != 0x0E && type != 0x0F) {
            s.raise(13, idtCode);
            return false;
        }
        if (software && ((lo >>> 45) & 3) < s.cpl) {
            s.raise(13, v * 8 + 2);
            return false;
        }
        if ((lo & (1L << 47)) == 0) {
            s.raise(11, idtCode);
            return false;
        }
        int sel = (int) (lo >>> 16) & 0xFFFF;
        long offset = (lo & 0xFFFF) | ((lo >>> 32) & 0xFFFF_0000L) | (hi << 32);
        int ist = (int) (lo >>> 32) & 7;
        long d = Interrupts.gateTarget(c, sel, ext);
        if (s.faulted()) {
            return false;
        }
        int a = Segments.attr(d);
        if ((a & CpuState.A_L) == 0 || (a & CpuState.A_DB) != 0) {
            s.raise(13, (sel & 0xFFFC) | ext);
            return false;
        }
        int newCpl = (a & CpuState.A_CONFORMING) != 0 ? s.cpl : Segments.dpl(a);
        long sp;
        if (ist != 0) {
            sp = Interrupts.readSystem(c, s.trBase + 0x24 + (ist - 1) * 8L, 8);
        } else if (newCpl < s.cpl) {
            sp = Interrupts.readSystem(c, s.trBase + 4 + newCpl * 8L, 8);
        } else {
            sp = s.r[4];
        }
        if (s.faulted()) {
            return false;
        }
        sp &= ~0xFL;
        long[] frame = s.scratch;
        frame[0] = s.segSel[SS];
        frame[1] = s.r[4];
        frame[2] = s.rflags();
        frame[3] = s.segSel[CS];
        frame[4] = s.rip;
        frame[5] = code;
        if (!Interrupts.writeFrame(c, 0, sp, -1L, frame, hasCode ? 6 : 5, 8, newCpl == 3)) {
            return false;
        }
        if (newCpl < s.cpl) {
            Segments.setCached(s, SS, newCpl, 0, 0,
                    CpuState.A_UNUSABLE | CpuState.A_P | CpuState.A_S | CpuState.A_WRITABLE | newCpl << 5);
        }
        Interrupts.loadCs(c, sel, d, newCpl);
        s.r[4] = sp - (hasCode ? 48 : 40);
        s.rip = offset;
        long clear = Flags.TF | Flags.NT | Flags.RF | Flags.VM | ((type & 1) == 0 ? Flags.IF : 0);
        s.flags &= ~clear;
        c.modeChanged();
        return true;
    }
}
