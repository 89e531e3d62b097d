package org.jvmm.hv.emu.impl.cpu.exec;

import static org.jvmm.hv.emu.impl.cpu.exec.Operands.ea;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.reg;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.setReg;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;

/** MOV forms, MOVZX/MOVSX(D), LEA, CBW/CWD families, CMOVcc, SETcc, LAHF/SAHF, XLAT. */
final class Moves {

    private Moves() {
    }

    static void movRmR(Cpu c, Insn in) {
        long v = reg(c.s.r, in.reg, in.osz);
        if (!in.mem) {
            setReg(c.s.r, in.rm, in.osz, v);
        } else {
            c.mmu.write(ea(c.s, in), in.osz, v);
        }
    }

    static void movRRm(Cpu c, Insn in) {
        CpuState s = c.s;
        if (!in.mem) {
            setReg(s.r, in.reg, in.osz, reg(s.r, in.rm, in.osz));
            return;
        }
        long v = c.mmu.read(ea(s, in), in.osz);
        if (!s.faulted()) {
            setReg(s.r, in.reg, in.osz, v);
        }
    }

    static void movRmI(Cpu c, Insn in) {
        Operands.writeRm(c, in, in.imm);
    }

    static void movRI(Cpu c, Insn in) {
        setReg(c.s.r, in.reg, in.osz, in.imm);
    }

    /** MOVZX (ext = source size) and MOVSX/MOVSXD. */
    static void extend(Cpu c, Insn in, boolean signed) {
        CpuState s = c.s;
        long v = Operands.readRm(c, in, in.ext);
        if (s.faulted()) {
            return;
        }
        setReg(s.r, in.reg, in.osz, signed ? Operands.sext(v, in.ext) : v);
    }

    static void lea(Cpu c, Insn in) {
        setReg(c.s.r, in.reg, in.osz, Operands.offset(c.s, in));
    }

    static void cbw(Cpu c, Insn in) {
        long[] r = c.s.r;
        switch (in.osz) {
            case 2 -> setReg(r, 0, 2, (byte) r[0]);
            case 4 -> r[0] = (short) r[0] & 0xFFFF_FFFFL;
            default -> r[0] = (int) r[0];
        }
    }

    static void cwd(Cpu c, Insn in) {
        long[] r = c.s.r;
        switch (in.osz) {
            case 2 -> setReg(r, 2, 2, (short) r[0] < 0 ? -1 : 0);
            case 4 -> r[2] = (int) r[0] < 0 ? 0xFFFF_FFFFL : 0;
            default -> r[2] = r[0] >> 63;
        }
    }

    static void cmov(Cpu c, Insn in) {
        CpuState s = c.s;
        long v = Operands.readRm(c, in);
        if (s.faulted()) {
            return;
        }
        if (Flags.cond(s, in.ext)) {
            setReg(s.r, in.reg, in.osz, v);
        } else if (in.osz == 4) {
            s.r[in.reg] &= 0xFFFF_FFFFL;
        }
    }

    static void setcc(Cpu c, Insn in) {
        Operands.writeRm(c, in, Flags.cond(c.s, in.ext) ? 1 : 0);
    }

    static void lahf(Cpu c) {
        CpuState s = c.s;
        setReg(s.r, 16, 1, (Flags.arith(s) & 0xD5) | 2);
    }

    static void sahf(Cpu c) {
        CpuState s = c.s;
        long ah = (s.r[0] >>> 8) & 0xD5;
        Flags.setArith(s, (Flags.arith(s) & Flags.OF) | ah);
    }

    static void xlat(Cpu c, Insn in) {
        CpuState s = c.s;
        long off = s.r[3] + (s.r[0] & 0xFF);
        off &= Operands.mask(in.asz);
        long v = c.mmu.rd8(Operands.linear(s, in.seg, off));
        if (!s.faulted()) {
            setReg(s.r, 0, 1, v);
        }
    }

    static void salc(Cpu c) {
        setReg(c.s.r, 0, 1, Flags.cf(c.s) ? 0xFF : 0);
    }
}
