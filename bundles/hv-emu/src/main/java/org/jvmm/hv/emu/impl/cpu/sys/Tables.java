package org.jvmm.hv.emu.impl.cpu.sys;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.exec.Operands;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;

/** LGDT, LIDT, SGDT, SIDT, LLDT, LTR, SLDT, STR, LAR, LSL, VERR, VERW. */
public final class Tables {

    private Tables() {
    }

    /** LGDT (idt false) and LIDT (idt true). */
    public static void load(Cpu c, Insn in, boolean idt) {
        CpuState s = c.s;
        if (!ControlRegs.privileged(s)) {
            return;
        }
        long ea = Operands.ea(s, in);
        Mmu mmu = c.mmu;
        int limit = (int) mmu.rd16(ea);
        long base = s.long64 ? mmu.rd64(ea + 2) : mmu.rd32(ea + 2);
        if (s.faulted()) {
            return;
        }
        if (!s.long64 && in.osz == 2) {
            base &= 0xFF_FFFF;
        }
        if (idt) {
            s.idtrBase = base;
            s.idtrLimit = limit;
        } else {
            s.gdtrBase = base;
            s.gdtrLimit = limit;
        }
    }

    public static void store(Cpu c, Insn in, boolean idt) {
        CpuState s = c.s;
        long ea = Operands.ea(s, in);
        Mmu mmu = c.mmu;
        long base = idt ? s.idtrBase : s.gdtrBase;
        int limit = idt ? s.idtrLimit : s.gdtrLimit;
        int bytes = s.long64 ? 8 : 4;
        if (mmu.hostForWrite(ea, 2 + bytes) == -1) {
            return;
        }
        mmu.wr16(ea, limit);
        mmu.write(ea + 2, bytes, base);
    }

    /** SLDT (ldt true) and STR. */
    public static void storeSelector(Cpu c, Insn in, boolean ldt) {
        CpuState s = c.s;
        if (!s.isProtected()) {
            s.raise(6);
            return;
        }
        long v = ldt ? s.ldtrSel : s.trSel;
        Operands.writeRm(c, in, v);
    }

    /** Reads a system descriptor (16 bytes in long mode) from the GDT; null after a fault. */
    private static long[] systemDescriptor(Cpu c, int sel, int type1, int type2) {
        CpuState s = c.s;
        if ((sel & 4) != 0) {
            s.raise(13, sel & 0xFFFC);
            return null;
        }
        long d = Segments.read(c, sel);
        if (s.faulted()) {
            return null;
        }
        int a = Segments.attr(d);
        int type = a & 0x1F;
        if (type != type1 && type != type2) {
            s.raise(13, sel & 0xFFFC);
            return null;
        }
        if ((a & CpuState.A_P) == 0) {
            s.raise(11, sel & 0xFFFC);
            return null;
        }
        long hi = 0;
        if (s.isLongMode()) {
            boolean old = c.mmu.beginSystem();
            hi = c.mmu.rd64(s.gdtrBase + (sel & 0xFFF8) + 8);
            c.mmu.endSystem(old);
            if (s.faulted()) {
                return null;
            }
        }
        return new long[] {d, hi};
    }

    public static void lldt(Cpu c, Insn in) {
        CpuState s = c.s;
        if (!s.isProtected()) {
            s.raise(6);
            return;
        }
        int sel = (int) Operands.readRm(c, in, 2);
        if (s.faulted() || !ControlRegs.privileged(s)) {
            return;
        }
        if ((sel & 0xFFFC) == 0) {
            s.ldtrSel = sel;
            s.ldtrBase = 0;
            s.ldtrLimit = 0;
            s.ldtrAttr = CpuState.A_UNUSABLE;
            return;
        }
        long[] d = systemDescriptor(c, sel, 2, 2);
        if (d == null) {
            return;
        }
        s.ldtrSel = sel;
        s.ldtrBase = Segments.base(d[0]) | (d[1] & 0xFFFF_FFFFL) << 32;
        s.ldtrLimit = Segments.limit(d[0]);
        s.ldtrAttr = Segments.attr(d[0]);
    }

    public static void ltr(Cpu c, Insn in) {
        CpuState s = c.s;
        if (!s.isProtected()) {
            s.raise(6);
            return;
        }
        int sel = (int) Operands.readRm(c, in, 2);
        if (s.faulted() || !ControlRegs.privileged(s)) {
            return;
        }
        if ((sel & 0xFFFC) == 0) {
            s.raise(13, 0);
            return;
        }
        long[] d = systemDescriptor(c, sel, 9, s.isLongMode() ? 9 : 1);
        if (d == null) {
            return;
        }
        boolean old = c.mmu.beginSystem();
        c.mmu.wr8(s.gdtrBase + (sel & 0xFFF8) + 5, (d[0] >>> 40) | 2);
        c.mmu.endSystem(old);
        if (s.faulted()) {
            return;
        }
        s.trSel = sel;
        s.trBase = Segments.base(d[0]) | (d[1] & 0xFFFF_FFFFL) << 32;
        s.trLimit = Segments.limit(d[0]);
        s.trAttr = Segments.attr(d[0]) | 2;
    }

    /**
     * LAR (op 0), LSL (1), VERR (2), VERW (3): ZF=1 when the selector names a descriptor visible at
     * this privilege with the right type.
     */
    public static void access(Cpu c, Insn in, int op) {
        CpuState s = c.s;
        if (!s.isProtected() || (s.flags & Flags.VM) != 0) {
            s.raise(6);
            return;
        }
        int sel = (int) Operands.readRm(c, in, 2) & 0xFFFF;
        if (s.faulted()) {
            return;
        }
        boolean ldt = (sel & 4) != 0;
        int limit = ldt ? s.ldtrLimit : s.gdtrLimit;
        boolean ok = (sel & 0xFFFC) != 0 && (sel | 7) <= (limit & 0xFFFF_FFFFL);
        long d = 0;
        if (ok) {
            d = Segments.read(c, sel);
            if (s.faulted()) {
                return;
            }
            ok = visible(s, sel, Segments.attr(d), op);
        }
        long f = Flags.arith(s) & ~Flags.ZF;
        Flags.setArith(s, ok ? f | Flags.ZF : f);
        if (ok && op == 0) {
            Operands.setReg(s.r, in.reg, in.osz, (d >>> 32) & 0x00F0_FF00L);
        } else if (ok && op == 1) {
            Operands.setReg(s.r, in.reg, in.osz, Segments.limit(d) & 0xFFFF_FFFFL);
        }
    }

    private static boolean visible(CpuState s, int sel, int a, int op) {
        boolean code = (a & CpuState.A_CODE) != 0;
        boolean conforming = code && (a & CpuState.A_CONFORMING) != 0;
        int dpl = Segments.dpl(a);
        boolean privOk = conforming && op != 3 || (dpl >= s.cpl && dpl >= (sel & 3));
        if ((a & CpuState.A_S) == 0) {
            int type = a & 0xF;
            boolean typeOk = s.isLongMode() ? (type == 2 || type == 9 || type == 11 || (op == 0 && type == 12))
                    : (type == 1 || type == 2 || type == 3 || type == 9 || type == 11
                            || (op == 0 && (type == 4 || type == 5 || type == 12)));
            return op < 2 && typeOk && dpl >= s.cpl && dpl >= (sel & 3);
        }
        return switch (op) {
            case 2 -> privOk && (!code || (a & CpuState.A_WRITABLE) != 0);
            case 3 -> privOk && !code && (a & CpuState.A_WRITABLE) != 0;
            default -> privOk;
        };
    }
}
