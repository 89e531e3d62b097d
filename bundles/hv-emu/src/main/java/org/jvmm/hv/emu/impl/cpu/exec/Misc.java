package org.jvmm.hv.emu.impl.cpu.exec;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.sys.ControlRegs;

/** CPUID, RDTSC(P), RDRAND/RDSEED, RDMSR, WRMSR, flag instructions, CLI/STI. */
final class Misc {

    private Misc() {
    }

    static void cpuid(Cpu c) {
        long[] r = c.s.r;
        int[] v = c.cpuid.query((int) r[0], (int) r[1]);
        r[0] = v[0] & 0xFFFF_FFFFL;
        r[3] = v[1] & 0xFFFF_FFFFL;
        r[1] = v[2] & 0xFFFF_FFFFL;
        r[2] = v[3] & 0xFFFF_FFFFL;
    }

    /** RDRAND/RDSEED: a random value from the CPU's generator; CF=1 (always available), other flags 0. */
    static void rdrand(Cpu c, Insn in) {
        CpuState s = c.s;
        Operands.setReg(s.r, in.rm, in.osz, c.nextRandom());
        Flags.setArith(s, Flags.CF);
    }

    static void rdtsc(Cpu c, boolean withAux) {
        CpuState s = c.s;
        if ((s.cr4 & CpuState.CR4_TSD) != 0 && s.cpl != 0) {
            s.raise(13, 0);
            return;
        }
        long t = c.clock().tsc() + s.tscOffset;
        s.r[0] = t & 0xFFFF_FFFFL;
        s.r[2] = t >>> 32;
        if (withAux) {
            s.r[1] = s.tscAux;
        }
    }

    static void rdmsr(Cpu c) {
        CpuState s = c.s;
        if (!ControlRegs.privileged(s)) {
            return;
        }
        long v = c.msrs.read((int) s.r[1]);
        if (!s.faulted()) {
            s.r[0] = v & 0xFFFF_FFFFL;
            s.r[2] = v >>> 32;
        }
    }

    static void wrmsr(Cpu c) {
        CpuState s = c.s;
        if (!ControlRegs.privileged(s)) {
            return;
        }
        long v = (s.r[2] & 0xFFFF_FFFFL) << 32 | (s.r[0] & 0xFFFF_FFFFL);
        if (c.msrs.write((int) s.r[1], v)) {
            s.pending |= CpuState.P_END;
        }
    }

    static void setCarry(CpuState s, int how) {
        long f = Flags.arith(s);
        f = switch (how) {
            case 0 -> f & ~Flags.CF;
            case 1 -> f | Flags.CF;
            default -> f ^ Flags.CF;
        };
        Flags.setArith(s, f);
    }

    /** CLI (enable false) and STI: CPL must not exceed IOPL in protected mode. */
    static void interruptFlag(Cpu c, boolean enable) {
        CpuState s = c.s;
        if (s.isProtected() && s.cpl > s.iopl()) {
            s.raise(13, 0);
            return;
        }
        if (!enable) {
            s.flags &= ~Flags.IF;
            return;
        }
        if ((s.flags & Flags.IF) == 0) {
            s.flags |= Flags.IF;
            s.shadow = true;
        }
        s.pending |= CpuState.P_END;
    }
}
