package org.jvmm.hv.emu.impl.cpu.sys;

import static org.jvmm.hv.emu.impl.cpu.CpuState.CS;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.exec.Operands;

/** IRET/IRETD/IRETQ in real, protected and long mode (no task returns, no virtual-8086 mode). */
public final class Iret {

    /** RFLAGS bits POPF/IRET may change at CPL 0. */
    public static final long CHANGEABLE = Flags.ARITH_MASK | Flags.TF | Flags.IF | Flags.DF | Flags.IOPL | Flags.NT
            | Flags.AC | Flags.ID;

    private Iret() {
    }

    /** The RFLAGS value after POPF/IRET loads {@code v}, under the current privilege's rules. */
    public static long flagsAfterPop(CpuState s, long v, int osz) {
        long mask = CHANGEABLE;
        if (s.isProtected() && s.cpl > 0) {
            mask &= ~Flags.IOPL;
            if (s.cpl > s.iopl()) {
                mask &= ~Flags.IF;
            }
        }
        if (osz == 2) {
            mask &= 0xFFFF;
        }
        return ((s.rflags() & ~mask) | (v & mask)) & ~Flags.RF;
    }

    public static void iret(Cpu c, int osz) {
        CpuState s = c.s;
        long ip = Operands.peek(c, osz, 0);
        int sel = (int) Operands.peek(c, osz, osz) & 0xFFFF;
        long fl = Operands.peek(c, osz, 2 * osz);
        if (s.faulted()) {
            return;
        }
        if (!s.isProtected()) {
            Operands.setSp(s, Operands.spAfter(s, 3L * osz));
            s.loadRealSegment(CS, sel);
            s.rip = osz == 2 ? ip & 0xFFFF : ip & 0xFFFF_FFFFL;
            s.setRflags(flagsAfterPop(s, fl, osz));
            c.nmiBlocked = false;
            s.pending |= CpuState.P_END;
            return;
        }
        if ((s.flags & Flags.VM) != 0 || (!s.isLongMode() && (s.flags & Flags.NT) != 0)
                || (!s.isLongMode() && s.cpl == 0 && (fl & Flags.VM) != 0 && osz == 4)) {
            s.raise(13, 0);
            return;
        }
        int rpl = sel & 3;
        if ((sel & 0xFFFC) == 0 || rpl < s.cpl) {
            s.raise(13, sel & 0xFFFC);
            return;
        }
        long d = Segments.read(c, sel);
        if (s.faulted()) {
            return;
        }
        int a = Segments.attr(d);
        boolean conforming = (a & CpuState.A_CONFORMING) != 0;
        int dpl = Segments.dpl(a);
        if ((a & CpuState.A_S) == 0 || (a & CpuState.A_CODE) == 0 || (conforming ? dpl > rpl : dpl != rpl)) {
            s.raise(13, sel & 0xFFFC);
            return;
        }
        if ((a & CpuState.A_P) == 0) {
            s.raise(11, sel & 0xFFFC);
            return;
        }
        long newFlags = flagsAfterPop(s, fl, osz);
        long mask = osz == 8 || (a & CpuState.A_L) != 0 ? -1L : osz == 4 ? 0xFFFF_FFFFL : 0xFFFF;
        if (rpl > s.cpl || s.long64) {
            long sp = Operands.peek(c, osz, 3 * osz);
            int ss = (int) Operands.peek(c, osz, 4 * osz) & 0xFFFF;
            if (s.faulted()) {
                return;
            }
            FarControl.outerReturn(c, sel, d, ip & mask, ss, sp, osz);
            if (s.faulted()) {
                return;
            }
        } else {
            Operands.setSp(s, Operands.spAfter(s, 3L * osz));
            Segments.setCached(s, CS, sel, Segments.base(d), Segments.limit(d), a | 1);
            c.modeChanged();
            s.rip = ip & mask;
        }
        s.setRflags(newFlags);
        c.nmiBlocked = false;
        s.pending |= CpuState.P_END;
    }
}
