package org.jvmm.hv.emu.impl.cpu.sys;

import static org.jvmm.hv.emu.impl.cpu.CpuState.CR0_CD;
import static org.jvmm.hv.emu.impl.cpu.CpuState.CR0_ET;
import static org.jvmm.hv.emu.impl.cpu.CpuState.CR0_NW;
import static org.jvmm.hv.emu.impl.cpu.CpuState.CR0_PE;
import static org.jvmm.hv.emu.impl.cpu.CpuState.CR0_PG;
import static org.jvmm.hv.emu.impl.cpu.CpuState.CR0_WP;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.exec.Operands;

/** MOV to/from CR0, CR2, CR3, CR4, CR8 and DR0..7; LMSW, SMSW, CLTS, INVLPG, WBINVD. */
public final class ControlRegs {

    /** CR0 bits that exist. */
    private static final long CR0_DEFINED = 0xE005_003FL;
    /** CR4 bits this CPU supports (as CPUID reports). */
    public static final long CR4_SUPPORTED = CpuState.CR4_VME | CpuState.CR4_PVI | CpuState.CR4_TSD | CpuState.CR4_DE
            | CpuState.CR4_PSE | CpuState.CR4_PAE | CpuState.CR4_MCE | CpuState.CR4_PGE | CpuState.CR4_PCE
            | CpuState.CR4_OSFXSR | CpuState.CR4_OSXMMEXCPT;

    private ControlRegs() {
    }

    /** #GP(0) unless CPL 0; true when allowed. */
    public static boolean privileged(CpuState s) {
        if (s.cpl != 0) {
            s.raise(13, 0);
            return false;
        }
        return true;
    }

    public static void movFromCr(Cpu c, Insn in) {
        CpuState s = c.s;
        if (!privileged(s)) {
            return;
        }
        long v;
        switch (in.reg) {
            case 0 -> v = s.cr0;
            case 2 -> v = s.cr2;
            case 3 -> v = s.cr3;
            case 4 -> v = s.cr4;
            case 8 -> v = c.apicLink() != null ? c.apicLink().cr8() : s.cr8;
            default -> {
                s.raise(6);
                return;
            }
        }
        Operands.setReg(s.r, in.rm, in.osz, v);
    }

    public static void movToCr(Cpu c, Insn in) {
        CpuState s = c.s;
        if (!privileged(s)) {
            return;
        }
        long v = Operands.reg(s.r, in.rm, in.osz);
        switch (in.reg) {
            case 0 -> writeCr0(c, v);
            case 2 -> s.cr2 = v;
            case 3 -> writeCr3(c, v);
            case 4 -> writeCr4(c, v);
            case 8 -> {
                if ((v & ~0xFL) != 0) {
                    s.raise(13, 0);
                    return;
                }
                if (c.apicLink() != null) {
                    c.apicLink().setCr8((int) v);
                } else {
                    s.cr8 = v;
                }
            }
            default -> s.raise(6);
        }
        s.pending |= CpuState.P_END;
    }

    public static void writeCr0(Cpu c, long v) {
        CpuState s = c.s;
        v |= CR0_ET;
        if ((v >>> 32) != 0 || ((v & CR0_PG) != 0 && (v & CR0_PE) == 0) || ((v & CR0_NW) != 0 && (v & CR0_CD) == 0)) {
            s.raise(13, 0);
            return;
        }
        long old = s.cr0;
        boolean pgOn = (v & CR0_PG) != 0 && (old & CR0_PG) == 0;
        boolean pgOff = (v & CR0_PG) == 0 && (old & CR0_PG) != 0;
        if (pgOn && (s.efer & CpuState.EFER_LME) != 0) {
            if ((s.cr4 & CpuState.CR4_PAE) == 0 || (s.segAttr[CpuState.CS] & CpuState.A_L) != 0) {
                s.raise(13, 0);
                return;
            }
            s.efer |= CpuState.EFER_LMA;
        }
        if (pgOff && s.isLongMode()) {
            if (s.long64) {
                s.raise(13, 0);
                return;
            }
            s.efer &= ~CpuState.EFER_LMA;
        }
        s.cr0 = v & CR0_DEFINED;
        if (((old ^ v) & (CR0_PG | CR0_WP | CR0_PE)) != 0) {
            c.mmu.flush();
        }
        c.modeChanged();
        s.pending |= CpuState.P_END;
    }

    private static void writeCr3(Cpu c, long v) {
        CpuState s = c.s;
        s.cr3 = s.isLongMode() ? v & 0x000F_FFFF_FFFF_FFFFL : v & 0xFFFF_FFFFL;
        c.mmu.flush();
    }

    public static void writeCr4(Cpu c, long v) {
        CpuState s = c.s;
        if ((v & ~CR4_SUPPORTED) != 0 || (s.isLongMode() && (v & CpuState.CR4_PAE) == 0)) {
            s.raise(13, 0);
            return;
        }
        long changed = s.cr4 ^ v;
        s.cr4 = v;
        if ((changed & (CpuState.CR4_PSE | CpuState.CR4_PAE | CpuState.CR4_PGE)) != 0) {
            c.mmu.flush();
        }
    }

    public static void movDr(Cpu c, Insn in, boolean toDr) {
        CpuState s = c.s;
        if (!privileged(s)) {
            return;
        }
        int n = in.reg;
        if (n == 4 || n == 5) {
            if ((s.cr4 & CpuState.CR4_DE) != 0) {
                s.raise(6);
                return;
            }
            n += 2;
        }
        if (n > 7) {
            s.raise(6);
            return;
        }
        if (toDr) {
            long v = Operands.reg(s.r, in.rm, in.osz);
            if (n == 6) {
                v = (v & 0xE00F) | 0xFFFF_0FF0L;
            } else if (n == 7) {
                v = (v & 0xFFFF_2BFFL) | 0x400;
            }
            s.dr[n] = v;
        } else {
            Operands.setReg(s.r, in.rm, in.osz, s.dr[n]);
        }
    }

    public static void smsw(Cpu c, Insn in) {
        CpuState s = c.s;
        if (in.mem) {
            c.mmu.wr16(Operands.ea(s, in), s.cr0);
        } else {
            Operands.setReg(s.r, in.rm, in.osz, s.cr0);
        }
    }

    public static void lmsw(Cpu c, Insn in) {
        CpuState s = c.s;
        long v = Operands.readRm(c, in, 2);
        if (s.faulted() || !privileged(s)) {
            return;
        }
        long pe = (s.cr0 | v) & CR0_PE;
        writeCr0(c, (s.cr0 & ~0xFL) | (v & 0xE) | pe);
    }

    public static void clts(Cpu c) {
        if (privileged(c.s)) {
            c.s.cr0 &= ~CpuState.CR0_TS;
        }
    }

    public static void invlpg(Cpu c, Insn in) {
        if (privileged(c.s)) {
            c.mmu.flushPage(Operands.ea(c.s, in));
        }
    }

    public static void wbinvd(Cpu c) {
        privileged(c.s);
    }
}
