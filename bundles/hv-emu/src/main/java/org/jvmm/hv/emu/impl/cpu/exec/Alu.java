package org.jvmm.hv.emu.impl.cpu.exec;

import static org.jvmm.hv.emu.impl.cpu.exec.Operands.ea;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.reg;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.setReg;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;

/** ADD OR ADC SBB AND SUB XOR CMP, TEST, INC DEC NOT NEG. */
final class Alu {

    static final int ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6, CMP = 7;
    /** Pseudo kinds for the read-modify-write helper. */
    static final int INC = 8, DEC = 9, NOT = 10, NEG = 11, TEST = 12;

    private Alu() {
    }

    /** Computes {@code a op b}, records lazy flags, returns the (unmasked) result. */
    static long alu(CpuState s, int kind, int osz, long a, long b) {
        int sz = Flags.sizeCode(osz);
        long r;
        switch (kind) {
            case ADD -> {
                r = a + b;
                Flags.set(s, Flags.K_ADD, sz, a, b, r);
            }
            case OR -> {
                r = a | b;
                Flags.set(s, Flags.K_LOGIC, sz, a, b, r);
            }
            case ADC -> {
                boolean c = Flags.cf(s);
                r = a + b + (c ? 1 : 0);
                Flags.set(s, c ? Flags.K_ADC : Flags.K_ADD, sz, a, b, r);
            }
            case SBB -> {
                boolean c = Flags.cf(s);
                r = a - b - (c ? 1 : 0);
                Flags.set(s, c ? Flags.K_SBB : Flags.K_SUB, sz, a, b, r);
            }
            case AND, TEST -> {
                r = a & b;
                Flags.set(s, Flags.K_LOGIC, sz, a, b, r);
            }
            case SUB, CMP -> {
                r = a - b;
                Flags.set(s, Flags.K_SUB, sz, a, b, r);
            }
            case XOR -> {
                r = a ^ b;
                Flags.set(s, Flags.K_LOGIC, sz, a, b, r);
            }
            case INC -> {
                long cf = Flags.cf(s) ? 1 : 0;
                r = a + 1;
                Flags.set(s, Flags.K_INC, sz, a, 1, r);
                s.lfAux = cf;
            }
            case DEC -> {
                long cf = Flags.cf(s) ? 1 : 0;
                r = a - 1;
                Flags.set(s, Flags.K_DEC, sz, a, 1, r);
                s.lfAux = cf;
            }
            case NOT -> r = ~a;
            default -> {
                r = -a;
                Flags.set(s, Flags.K_NEG, sz, a, 0, r);
            }
        }
        return r;
    }

    /** op r/m, reg */
    static void rmR(Cpu c, Insn in) {
        CpuState s = c.s;
        long b = reg(s.r, in.reg, in.osz);
        if (!in.mem) {
            long a = reg(s.r, in.rm, in.osz);
            long r = alu(s, in.ext, in.osz, a, b);
            if (in.ext != CMP) {
                setReg(s.r, in.rm, in.osz, r);
            }
            return;
        }
        memory(c, in, in.ext, b);
    }

    /** op reg, r/m */
    static void rRm(Cpu c, Insn in) {
        CpuState s = c.s;
        long b = Operands.readRm(c, in);
        if (s.faulted()) {
            return;
        }
        long a = reg(s.r, in.reg, in.osz);
        long r = alu(s, in.ext, in.osz, a, b);
        if (in.ext != CMP) {
            setReg(s.r, in.reg, in.osz, r);
        }
    }

    /** op r/m, imm */
    static void rmI(Cpu c, Insn in) {
        CpuState s = c.s;
        if (!in.mem) {
            long a = reg(s.r, in.rm, in.osz);
            long r = alu(s, in.ext, in.osz, a, in.imm);
            if (in.ext != CMP) {
                setReg(s.r, in.rm, in.osz, r);
            }
            return;
        }
        memory(c, in, in.ext, in.imm);
    }

    static void testRmR(Cpu c, Insn in) {
        CpuState s = c.s;
        long a = Operands.readRm(c, in);
        if (!s.faulted()) {
            alu(s, TEST, in.osz, a, reg(s.r, in.reg, in.osz));
        }
    }

    static void testRmI(Cpu c, Insn in) {
        CpuState s = c.s;
        long a = Operands.readRm(c, in);
        if (!s.faulted()) {
            alu(s, TEST, in.osz, a, in.imm);
        }
    }

    /** INC, DEC, NOT, NEG on r/m. */
    static void unary(Cpu c, Insn in, int kind) {
        CpuState s = c.s;
        if (!in.mem) {
            long a = reg(s.r, in.rm, in.osz);
            setReg(s.r, in.rm, in.osz, alu(s, kind, in.osz, a, 0));
            return;
        }
        memory(c, in, kind, 0);
    }

    /** A memory destination: CMP/TEST only read; the others read, modify and write (atomically with LOCK). */
    private static void memory(Cpu c, Insn in, int kind, long b) {
        CpuState s = c.s;
        Mmu mmu = c.mmu;
        int osz = in.osz;
        long lin = ea(s, in);
        if (kind == CMP || kind == TEST) {
            long a = mmu.read(lin, osz);
            if (!s.faulted()) {
                alu(s, kind, osz, a, b);
            }
            return;
        }
        long h = mmu.hostForWrite(lin, osz);
        if (h >= 0) {
            if ((in.prefix & Insn.LOCK) != 0) {
                Atomics.rmw(c, h, osz, kind, b);
                return;
            }
            long a = mmu.readHost(h, osz);
            mmu.writeHost(h, osz, alu(s, kind, osz, a, b));
        } else if (h == Mmu.NOT_RAM) {
            long a = mmu.read(lin, osz);
            if (s.faulted()) {
                return;
            }
            mmu.write(lin, osz, alu(s, kind, osz, a, b));
        }
    }
}
