package org.jvmm.hv.emu.impl.cpu.sys;

import static org.jvmm.hv.emu.impl.cpu.CpuState.CS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.SS;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.exec.Operands;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;

/**
 * Exception and interrupt delivery: the real-mode IVT, 32-bit protected-mode gates (with the stack
 * switch from the TSS on a privilege change) and long-mode gates (IST, 16-byte aligned frames).
 * A fault while delivering is combined per the double-fault rules; a fault while delivering #DF is
 * a triple fault.
 */
public final class Interrupts {

    public static final int EXCEPTION = 0, EXTERNAL = 1, SOFTWARE = 2;

    private Interrupts() {
    }

    private static boolean contributory(int v) {
        return v == 0 || (v >= 10 && v <= 13);
    }

    /** Delivers an event; false on triple fault. RIP must already be the return address. */
    public static boolean deliver(Cpu c, int vector, int kind, boolean hasCode, int code) {
        CpuState s = c.s;
        int v = vector;
        for (int attempt = 0; attempt < 4; attempt++) {
            s.pending = 0;
            if (once(c, v, kind, hasCode, code)) {
                s.halted = false;
                return true;
            }
            int v2 = s.excVector;
            if (c.trace() != null) {
                c.trace().event(v2, EXCEPTION, s.excCode, s.rip, s.cr2);
            }
            if (v == 8) {
                return false;
            }
            boolean df = (contributory(v) && contributory(v2)) || (v == 14 && (v2 == 14 || contributory(v2)));
            if (df) {
                v = 8;
                hasCode = true;
                code = 0;
            } else {
                v = v2;
                hasCode = s.excHasCode;
                code = s.excCode;
            }
            kind = EXCEPTION;
        }
        return false;
    }

    private static boolean once(Cpu c, int v, int kind, boolean hasCode, int code) {
        CpuState s = c.s;
        s.pending = 0;
        if (!s.isProtected()) {
            return real(c, v);
        }
        int ext = kind == EXTERNAL ? 1 : 0;
        if (s.isLongMode()) {
            return LongModeGate.deliver(c, v, kind == SOFTWARE, hasCode, code, ext);
        }
        return ProtectedGate.deliver(c, v, kind == SOFTWARE, hasCode, code, ext);
    }

    private static boolean real(Cpu c, int v) {
        CpuState s = c.s;
        if (v * 4 + 3 > s.idtrLimit) {
            s.raise(13, 0);
            return false;
        }
        Mmu mmu = c.mmu;
        long vec = mmu.rd32(s.idtrBase + v * 4L);
        if (s.faulted()) {
            return false;
        }
        long sp = s.r[4];
        if (!Operands.push(c, s.rflags() & 0xFFFF, 2) || !Operands.push(c, s.segSel[CS], 2)
                || !Operands.push(c, s.rip & 0xFFFF, 2)) {
            s.r[4] = sp;
            return false;
        }
        s.flags &= ~(Flags.IF | Flags.TF | Flags.AC | Flags.RF);
        s.loadRealSegment(CS, (int) (vec >>> 16));
        s.rip = vec & 0xFFFF;
        return true;
    }

    /** Reads a gate or TSS field as a supervisor access; callers check for faults. */
    static long readSystem(Cpu c, long lin, int size) {
        Mmu mmu = c.mmu;
        boolean old = mmu.beginSystem();
        long v = mmu.read(lin, size);
        mmu.endSystem(old);
        return v;
    }

    /** Writes the interrupt frame at {@code sp} downwards; false after a fault. */
    static boolean writeFrame(Cpu c, long ssBase, long sp, long spMask, long[] frame, int n, int size, boolean user) {
        CpuState s = c.s;
        Mmu mmu = c.mmu;
        boolean old = user ? false : mmu.beginSystem();
        long p = sp;
        for (int i = 0; i < n; i++) {
            p = (p - size) & spMask;
            long lin = s.isLongMode() && spMask == -1L ? p : (ssBase + p) & 0xFFFF_FFFFL;
            mmu.write(lin, size, frame[i]);
            if (s.faulted()) {
                break;
            }
        }
        if (!user) {
            mmu.endSystem(old);
        }
        return !s.faulted();
    }

    /** The code segment descriptor a gate points to; null after a fault. Returns the descriptor. */
    static long gateTarget(Cpu c, int sel, int ext) {
        CpuState s = c.s;
        if ((sel & 0xFFFC) == 0) {
            s.raise(13, ext);
            return 0;
        }
        long d = Segments.read(c, sel);
        if (s.faulted()) {
            return 0;
        }
        int a = Segments.attr(d);
        if ((a & CpuState.A_S) == 0 || (a & CpuState.A_CODE) == 0 || Segments.dpl(a) > s.cpl) {
            s.raise(13, (sel & 0xFFFC) | ext);
            return 0;
        }
        if ((a & CpuState.A_P) == 0) {
            s.raise(11, (sel & 0xFFFC) | ext);
            return 0;
        }
        return d;
    }

    /** Commits CS after a gate: selector with RPL = new CPL. */
    static void loadCs(Cpu c, int sel, long d, int cpl) {
        Segments.setCached(c.s, CS, (sel & 0xFFFC) | cpl, Segments.base(d), Segments.limit(d), Segments.attr(d) | 1);
    }

    static void loadSs(CpuState s, int sel, long d) {
        Segments.setCached(s, SS, sel, Segments.base(d), Segments.limit(d), Segments.attr(d) | 1);
    }
}
