package org.jvmm.hv.emu.impl.cpu.sys;

import static org.jvmm.hv.emu.impl.cpu.CpuState.CS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.SS;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;

/** Interrupt and trap gates of 16/32-bit protected mode. Task gates are not supported (#GP). */
final class ProtectedGate {

    private ProtectedGate() {
    }

    static boolean deliver(Cpu c, int v, boolean software, boolean hasCode, int code, int ext) {
        CpuState s = c.s;
        int idtCode = v * 8 + 2 + ext;
        if (v * 8 + 7 > s.idtrLimit) {
            s.raise(13, idtCode);
            return false;
        }
        long g = Interrupts.readSystem(c, s.idtrBase + v * 8L, 8);
        if (s.faulted()) {
            return false;
        }
        int type = (int) (g >>> 40) & 0x1F;
        if (type != 0x06 && type != 0x07 && type != 0x0E && type != 0x0F) {
            s.raise(13, idtCode);
            return false;
        }
        int gateDpl = (int) (g >>> 45) & 3;
        if (software && gateDpl < s.cpl) {
            s.raise(13, v * 8 + 2);
            return false;
        }
        if ((g & (1L << 47)) == 0) {
            s.raise(11, idtCode);
            return false;
        }
        int sel = (int) (g >>> 16) & 0xFFFF;
        long offset = (g & 0xFFFF) | ((g >>> 32) & 0xFFFF_0000L);
        long d = Interrupts.gateTarget(c, sel, ext);
        if (s.faulted()) {
            return false;
        }
        int a = Segments.attr(d);
        boolean conforming = (a & CpuState.A_CONFORMING) != 0;
        int newCpl = conforming ? s.cpl : Segments.dpl(a);
        int size = (type & 8) != 0 ? 4 : 2;
        if (size == 2) {
            offset &= 0xFFFF;
        }
        long flags = s.rflags();
        long[] frame = s.scratch;
        int n = 0;
        long newSp;
        long ssBase;
        long spMask;
        int newSsSel = 0;
        long ssDesc = 0;
        if (newCpl < s.cpl) {
            long tss = s.trBase;
            boolean tss32 = (s.trAttr & 8) != 0;
            long espAt = tss32 ? 4 + newCpl * 8L : 2 + newCpl * 4L;
            long ssp = Interrupts.readSystem(c, tss + espAt, tss32 ? 4 : 2);
            newSsSel = (int) Interrupts.readSystem(c, tss + espAt + (tss32 ? 4 : 2), 2);
            if (s.faulted()) {
                return false;
            }
            ssDesc = stackSegment(c, newSsSel, newCpl);
            if (s.faulted()) {
                return false;
            }
            ssBase = Segments.base(ssDesc);
            spMask = (Segments.attr(ssDesc) & CpuState.A_DB) != 0 ? 0xFFFF_FFFFL : 0xFFFF;
            newSp = ssp & spMask;
            frame[n++] = s.segSel[SS];
            frame[n++] = s.r[4];
        } else {
            ssBase = s.segBase[SS];
            spMask = s.stackSize == 2 ? 0xFFFF : 0xFFFF_FFFFL;
            newSp = s.r[4] & spMask;
        }
        frame[n++] = flags;
        frame[n++] = s.segSel[CS];
        frame[n++] = s.rip;
        if (hasCode) {
            frame[n++] = code;
        }
        if (!Interrupts.writeFrame(c, ssBase, newSp, spMask, frame, n, size, newCpl == 3)) {
            return false;
        }
        long sp = (newSp - (long) n * size) & spMask;
        if (newCpl < s.cpl) {
            Interrupts.loadSs(s, (newSsSel & 0xFFFC) | newCpl, ssDesc);
        }
        Interrupts.loadCs(c, sel, d, newCpl);
        s.r[4] = spMask == 0xFFFF ? (s.r[4] & ~0xFFFFL) | sp : sp;
        s.rip = offset;
        long clear = Flags.TF | Flags.NT | Flags.RF | Flags.VM | ((type & 1) == 0 ? Flags.IF : 0);
        s.flags &= ~clear;
        c.modeChanged();
        return true;
    }

    /** Checks the inner stack segment named by the TSS; raises #TS on a bad one. */
    private static long stackSegment(Cpu c, int sel, int cpl) {
        CpuState s = c.s;
        if ((sel & 0xFFFC) == 0 || (sel & 3) != cpl) {
            s.raise(10, sel & 0xFFFC);
            return 0;
        }
        long d = Segments.read(c, sel);
        if (s.faulted()) {
            return 0;
        }
        int a = Segments.attr(d);
        if (Segments.dpl(a) != cpl || (a & CpuState.A_S) == 0 || (a & CpuState.A_CODE) != 0
                || (a & CpuState.A_WRITABLE) == 0) {
            s.raise(10, sel & 0xFFFC);
            return 0;
        }
        if ((a & CpuState.A_P) == 0) {
            s.raise(12, sel & 0xFFFC);
            return 0;
        }
        return d;
    }
}
