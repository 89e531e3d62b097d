package org.jvmm.hv.emu.impl.cpu.sys;

import static org.jvmm.hv.emu.impl.cpu.CpuState.CS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.SS;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.exec.Operands;

/**
 * Far JMP, CALL and RET between code segments (same privilege, and RETF to an outer level). Call
 * gates and task switches are not supported: they raise #GP.
 */
public final class FarControl {

    private FarControl() {
    }

    private static long ipMask(int osz) {
        return osz == 8 ? -1L : osz == 4 ? 0xFFFF_FFFFL : 0xFFFF;
    }

    /**
     * Checks a code segment for a direct far transfer at the current privilege; returns the descriptor,
     * or 0 after a fault.
     */
    static long codeSegment(Cpu c, int sel) {
        CpuState s = c.s;
        if ((sel & 0xFFFC) == 0) {
            s.raise(13, 0);
            return 0;
        }
        long d = Segments.read(c, sel);
        if (s.faulted()) {
            return 0;
        }
        int a = Segments.attr(d);
        int dpl = Segments.dpl(a);
        boolean code = (a & CpuState.A_S) != 0 && (a & CpuState.A_CODE) != 0;
        boolean conforming = (a & CpuState.A_CONFORMING) != 0;
        if (!code || (conforming ? dpl > s.cpl : ((sel & 3) > s.cpl || dpl != s.cpl))) {
            s.raise(13, sel & 0xFFFC);
            return 0;
        }
        if ((a & CpuState.A_P) == 0) {
            s.raise(11, sel & 0xFFFC);
            return 0;
        }
        return d;
    }

    private static void setCs(Cpu c, int sel, long d, int cpl) {
        Segments.markAccessed(c, sel, d);
        Segments.setCached(c.s, CS, (sel & 0xFFFC) | cpl, Segments.base(d), Segments.limit(d), Segments.attr(d) | 1);
        c.modeChanged();
    }

    public static void jmp(Cpu c, int sel, long offset, int osz) {
        CpuState s = c.s;
        if (!s.isProtected() || (s.flags & Flags.VM) != 0) {
            s.loadRealSegment(CS, sel);
            s.rip = offset & ipMask(osz);
            return;
        }
        long d = codeSegment(c, sel);
        if (s.faulted()) {
            return;
        }
        setCs(c, sel, d, s.cpl);
        s.rip = offset & ipMask(osz);
        s.pending |= CpuState.P_END;
    }

    public static void call(Cpu c, int sel, long offset, int osz) {
        CpuState s = c.s;
        long sp = s.r[4];
        long d = 0;
        boolean prot = s.isProtected() && (s.flags & Flags.VM) == 0;
        if (prot) {
            d = codeSegment(c, sel);
            if (s.faulted()) {
                return;
            }
        }
        if (!Operands.push(c, s.segSel[CS], osz) || !Operands.push(c, s.rip, osz)) {
            s.r[4] = sp;
            return;
        }
        if (prot) {
            setCs(c, sel, d, s.cpl);
        } else {
            s.loadRealSegment(CS, sel);
        }
        s.rip = offset & ipMask(osz);
        s.pending |= CpuState.P_END;
    }

    /** RETF [imm16]: same privilege, or to an outer level with the outer SS:SP popped too. */
    public static void ret(Cpu c, int osz, int imm) {
        CpuState s = c.s;
        long ip = Operands.peek(c, osz, 0);
        int sel = (int) Operands.peek(c, osz, osz) & 0xFFFF;
        if (s.faulted()) {
            return;
        }
        if (!s.isProtected() || (s.flags & Flags.VM) != 0) {
            Operands.setSp(s, Operands.spAfter(s, 2L * osz + imm));
            s.loadRealSegment(CS, sel);
            s.rip = ip & ipMask(osz);
            return;
        }
        int rpl = sel & 3;
        if (rpl < s.cpl || (sel & 0xFFFC) == 0) {
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
        if (rpl == s.cpl) {
            Operands.setSp(s, Operands.spAfter(s, 2L * osz + imm));
            setCs(c, sel, d, rpl);
            s.rip = ip & ipMask(osz);
            s.pending |= CpuState.P_END;
            return;
        }
        long sp = Operands.peek(c, osz, 2 * osz + imm);
        int ss = (int) Operands.peek(c, osz, 3 * osz + imm) & 0xFFFF;
        if (s.faulted()) {
            return;
        }
        outerReturn(c, sel, d, ip & ipMask(osz), ss, sp, osz);
    }

    /** Completes a return to outer privilege {@code sel & 3}: loads CS, then SS:SP at that level. */
    static void outerReturn(Cpu c, int sel, long d, long ip, int ss, long sp, int osz) {
        CpuState s = c.s;
        int rpl = sel & 3;
        long ssDesc = 0;
        boolean nullSs = (ss & 0xFFFC) == 0;
        if (nullSs) {
            if (!(s.isLongMode() && (Segments.attr(d) & CpuState.A_L) != 0 && rpl != 3)) {
                s.raise(13, 0);
                return;
            }
        } else {
            ssDesc = Segments.read(c, ss);
            if (s.faulted()) {
                return;
            }
            int a = Segments.attr(ssDesc);
            if ((ss & 3) != rpl || Segments.dpl(a) != rpl || (a & CpuState.A_S) == 0 || (a & CpuState.A_CODE) != 0
                    || (a & CpuState.A_WRITABLE) == 0) {
                s.raise(13, ss & 0xFFFC);
                return;
            }
            if ((a & CpuState.A_P) == 0) {
                s.raise(12, ss & 0xFFFC);
                return;
            }
        }
        Segments.markAccessed(c, sel, d);
        Segments.setCached(s, CS, sel, Segments.base(d), Segments.limit(d), Segments.attr(d) | 1);
        if (nullSs) {
            Segments.setCached(s, SS, ss, 0, 0,
                    CpuState.A_UNUSABLE | CpuState.A_P | CpuState.A_S | CpuState.A_WRITABLE | rpl << 5);
        } else {
            Segments.markAccessed(c, ss, ssDesc);
            Segments.setCached(s, SS, ss, Segments.base(ssDesc), Segments.limit(ssDesc), Segments.attr(ssDesc) | 1);
        }
        c.modeChanged();
        s.r[4] = s.stackSize == 2 ? (s.r[4] & ~0xFFFFL) | (sp & 0xFFFF) : s.stackSize == 4 ? sp & 0xFFFF_FFFFL : sp;
        s.rip = ip;
        Segments.nullInaccessible(s);
        s.pending |= CpuState.P_END;
    }
}
