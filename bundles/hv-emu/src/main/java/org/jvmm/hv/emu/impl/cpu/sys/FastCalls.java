package org.jvmm.hv.emu.impl.cpu.sys;

import static org.jvmm.hv.emu.impl.cpu.CpuState.A_ACCESSED;
import static org.jvmm.hv.emu.impl.cpu.CpuState.A_CODE;
import static org.jvmm.hv.emu.impl.cpu.CpuState.A_DB;
import static org.jvmm.hv.emu.impl.cpu.CpuState.A_G;
import static org.jvmm.hv.emu.impl.cpu.CpuState.A_L;
import static org.jvmm.hv.emu.impl.cpu.CpuState.A_P;
import static org.jvmm.hv.emu.impl.cpu.CpuState.A_S;
import static org.jvmm.hv.emu.impl.cpu.CpuState.A_WRITABLE;
import static org.jvmm.hv.emu.impl.cpu.CpuState.CS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.GS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.SS;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;

/** SYSCALL, SYSRET, SYSENTER, SYSEXIT, SWAPGS: flat segments loaded without descriptor reads. */
public final class FastCalls {

    private static final int CODE = A_P | A_S | A_CODE | A_WRITABLE | A_ACCESSED | A_G;
    private static final int DATA = A_P | A_S | A_WRITABLE | A_ACCESSED | A_G | A_DB;

    private FastCalls() {
    }

    private static void flat(CpuState s, int seg, int sel, int attr, int dpl) {
        Segments.setCached(s, seg, sel, 0, 0xFFFF_FFFF, attr | dpl << 5);
    }

    public static void syscall(Cpu c) {
        CpuState s = c.s;
        if ((s.efer & CpuState.EFER_SCE) == 0 || !s.isProtected()) {
            s.raise(6);
            return;
        }
        int sel = (int) (s.star >>> 32) & 0xFFFF;
        if (s.isLongMode()) {
            s.r[1] = s.rip;
            s.r[11] = s.rflags() & ~Flags.RF;
            boolean from64 = s.long64;
            flat(s, CS, sel & 0xFFFC, CODE | A_L, 0);
            flat(s, SS, (sel + 8) & 0xFFFC, DATA, 0);
            s.setRflags(s.rflags() & ~(s.sfmask | Flags.RF));
            s.rip = from64 ? s.lstar : s.cstar;
        } else {
            s.r[1] = s.rip & 0xFFFF_FFFFL;
            flat(s, CS, sel & 0xFFFC, CODE | A_DB, 0);
            flat(s, SS, (sel + 8) & 0xFFFC, DATA, 0);
            s.flags &= ~(Flags.VM | Flags.IF | Flags.RF);
            s.rip = s.star & 0xFFFF_FFFFL;
        }
        c.modeChanged();
        s.pending |= CpuState.P_END;
    }

    public static void sysret(Cpu c, Insn in) {
        CpuState s = c.s;
        if ((s.efer & CpuState.EFER_SCE) == 0) {
            s.raise(6);
            return;
        }
        if (!s.isProtected() || s.cpl != 0) {
            s.raise(13, 0);
            return;
        }
        int sel = (int) (s.star >>> 48) & 0xFFFF;
        boolean to64 = s.long64 && (in.prefix & Insn.REXW) != 0;
        if (to64) {
            long rip = s.r[1];
            if ((rip << 16 >> 16) != rip) {
                s.raise(13, 0);
                return;
            }
            flat(s, CS, (sel + 16) | 3, CODE | A_L, 3);
            s.rip = rip;
        } else {
            flat(s, CS, sel | 3, CODE | A_DB, 3);
            s.rip = s.r[1] & 0xFFFF_FFFFL;
        }
        flat(s, SS, (sel + 8) | 3, DATA, 3);
        if (s.isLongMode()) {
            s.setRflags((s.r[11] & ~(Flags.RF | Flags.VM)) | 2);
        } else {
            s.flags |= Flags.IF;
        }
        c.modeChanged();
        s.pending |= CpuState.P_END;
    }

    public static void sysenter(Cpu c) {
        CpuState s = c.s;
        int sel = (int) s.sysenterCs & 0xFFFC;
        if (!s.isProtected() || sel == 0) {
            s.raise(13, 0);
            return;
        }
        s.flags &= ~(Flags.VM | Flags.IF | Flags.RF);
        boolean lm = s.isLongMode();
        flat(s, CS, sel, lm ? CODE | A_L : CODE | A_DB, 0);
        flat(s, SS, sel + 8, DATA, 0);
        s.r[4] = lm ? s.sysenterEsp : s.sysenterEsp & 0xFFFF_FFFFL;
        s.rip = lm ? s.sysenterEip : s.sysenterEip & 0xFFFF_FFFFL;
        c.modeChanged();
        s.pending |= CpuState.P_END;
    }

    public static void sysexit(Cpu c, Insn in) {
        CpuState s = c.s;
        int sel = (int) s.sysenterCs & 0xFFFC;
        if (!s.isProtected() || s.cpl != 0 || sel == 0) {
            s.raise(13, 0);
            return;
        }
        boolean to64 = (in.prefix & Insn.REXW) != 0;
        if (to64) {
            flat(s, CS, (sel + 32) | 3, CODE | A_L, 3);
            flat(s, SS, (sel + 40) | 3, DATA, 3);
            s.rip = s.r[2];
            s.r[4] = s.r[1];
        } else {
            flat(s, CS, (sel + 16) | 3, CODE | A_DB, 3);
            flat(s, SS, (sel + 24) | 3, DATA, 3);
            s.rip = s.r[2] & 0xFFFF_FFFFL;
            s.r[4] = s.r[1] & 0xFFFF_FFFFL;
        }
        c.modeChanged();
        s.pending |= CpuState.P_END;
    }

    public static void swapgs(Cpu c) {
        CpuState s = c.s;
        if (!ControlRegs.privileged(s)) {
            return;
        }
        long t = s.segBase[GS];
        s.segBase[GS] = s.kernelGsBase;
        s.kernelGsBase = t;
    }
}
