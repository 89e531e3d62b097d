package org.jvmm.hv.emu.impl.cpu.sys;

import static org.jvmm.hv.emu.impl.cpu.CpuState.A_CODE;
import static org.jvmm.hv.emu.impl.cpu.CpuState.A_CONFORMING;
import static org.jvmm.hv.emu.impl.cpu.CpuState.A_P;
import static org.jvmm.hv.emu.impl.cpu.CpuState.A_S;
import static org.jvmm.hv.emu.impl.cpu.CpuState.A_UNUSABLE;
import static org.jvmm.hv.emu.impl.cpu.CpuState.A_WRITABLE;
import static org.jvmm.hv.emu.impl.cpu.CpuState.SS;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;

/** Segment descriptors: reading them from the GDT/LDT and loading data and stack segments. */
public final class Segments {

    private static final int[] DATA_SEGMENTS = {CpuState.ES, CpuState.DS, CpuState.FS, CpuState.GS};

    private Segments() {
    }

    public static long base(long d) {
        return ((d >>> 16) & 0xFF_FFFFL) | ((d >>> 32) & 0xFF00_0000L);
    }

    public static int limit(long d) {
        int l = (int) (d & 0xFFFF) | (int) ((d >>> 32) & 0xF_0000);
        return (d & (1L << 55)) != 0 ? l << 12 | 0xFFF : l;
    }

    /** Access-rights bits: descriptor bits 40..47 to 0..7 and 52..55 to 12..15. */
    public static int attr(long d) {
        return (int) ((d >>> 40) & 0xFF) | (int) ((d >>> 40) & 0xF000);
    }

    public static int dpl(int attr) {
        return (attr >>> 5) & 3;
    }

    /**
     * Linear address of the descriptor for {@code sel}; raises #GP(sel) when it is out of the table
     * (callers check {@link CpuState#faulted()}: a kernel GDT's address is negative as a long).
     */
    public static long descriptorAddress(Cpu c, int sel) {
        CpuState s = c.s;
        boolean ldt = (sel & 4) != 0;
        long tableBase = ldt ? s.ldtrBase : s.gdtrBase;
        int tableLimit = ldt ? s.ldtrLimit : s.gdtrLimit;
        if (ldt && (s.ldtrAttr & A_UNUSABLE) != 0 || (sel | 7) > (tableLimit & 0xFFFF_FFFFL)) {
            s.raise(13, sel & 0xFFFC);
            return 0;
        }
        return tableBase + (sel & 0xFFF8);
    }

    /** Reads the 8-byte descriptor for {@code sel}; callers check {@link CpuState#faulted()}. */
    public static long read(Cpu c, int sel) {
        long addr = descriptorAddress(c, sel);
        if (c.s.faulted()) {
            return 0;
        }
        Mmu mmu = c.mmu;
        boolean old = mmu.beginSystem();
        long d = mmu.rd64(addr);
        mmu.endSystem(old);
        return d;
    }

    /** Sets the accessed bit of a descriptor if clear. */
    public static void markAccessed(Cpu c, int sel, long d) {
        if ((d & (1L << 40)) != 0) {
            return;
        }
        long addr = descriptorAddress(c, sel);
        Mmu mmu = c.mmu;
        boolean old = mmu.beginSystem();
        mmu.wr8(addr + 5, (d >>> 40) | 1);
        mmu.endSystem(old);
    }

    public static void setCached(CpuState s, int seg, int sel, long base, int limit, int attr) {
        s.segSel[seg] = sel & 0xFFFF;
        s.segBase[seg] = base;
        s.segLimit[seg] = limit;
        s.segAttr[seg] = attr;
    }

    /** MOV, POP or LxS to DS, ES, FS, GS or SS; false after a fault. */
    public static boolean load(Cpu c, int seg, int sel) {
        CpuState s = c.s;
        sel &= 0xFFFF;
        if (!s.isProtected() || (s.flags & Flags.VM) != 0) {
            s.loadRealSegment(seg, sel);
            if ((s.flags & Flags.VM) != 0) {
                s.segAttr[seg] = A_P | A_S | A_WRITABLE | CpuState.A_ACCESSED | 3 << 5;
                s.segLimit[seg] = 0xFFFF;
            }
            return true;
        }
        int rpl = sel & 3;
        if ((sel & 0xFFFC) == 0) {
            if (seg == SS && !(s.long64 && s.cpl != 3 && rpl == s.cpl)) {
                s.raise(13, 0);
                return false;
            }
            int attr = seg == SS ? (A_UNUSABLE | A_P | A_S | A_WRITABLE | (rpl << 5)) : A_UNUSABLE;
            setCached(s, seg, sel, 0, 0, attr);
            return true;
        }
        long d = read(c, sel);
        if (s.faulted()) {
            return false;
        }
        int attr = attr(d);
        int dpl = dpl(attr);
        boolean code = (attr & A_CODE) != 0;
        if (seg == SS) {
            if (rpl != s.cpl || dpl != s.cpl || (attr & A_S) == 0 || code || (attr & A_WRITABLE) == 0) {
                s.raise(13, sel & 0xFFFC);
                return false;
            }
            if ((attr & A_P) == 0) {
                s.raise(12, sel & 0xFFFC);
                return false;
            }
        } else {
            boolean readable = !code || (attr & A_WRITABLE) != 0;
            boolean conforming = code && (attr & A_CONFORMING) != 0;
            if ((attr & A_S) == 0 || !readable || (!conforming && (dpl < s.cpl || dpl < rpl))) {
                s.raise(13, sel & 0xFFFC);
                return false;
            }
            if ((attr & A_P) == 0) {
                s.raise(11, sel & 0xFFFC);
                return false;
            }
        }
        markAccessed(c, sel, d);
        setCached(s, seg, sel, base(d), limit(d), attr | 1);
        if (seg == SS) {
            c.modeChanged();
        }
        return true;
    }

    /** After a return to an outer privilege level: data segments more privileged than CPL become null. */
    public static void nullInaccessible(CpuState s) {
        for (int seg : DATA_SEGMENTS) {
            int a = s.segAttr[seg];
            boolean conformingCode = (a & A_CODE) != 0 && (a & A_CONFORMING) != 0;
            if ((a & A_UNUSABLE) == 0 && !conformingCode && dpl(a) < s.cpl) {
                setCached(s, seg, 0, 0, 0, A_UNUSABLE);
            }
        }
    }
}
