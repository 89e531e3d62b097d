package org.jvmm.hv.emu.impl.cpu.exec;

import static org.jvmm.hv.emu.impl.cpu.exec.Operands.pop;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.push;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;

/** Near JMP/CALL/RET, Jcc, LOOP/JCXZ, INT n/INT3/INTO/INT1, HLT. */
final class Branch {

    private Branch() {
    }

    /** Sets RIP to a near target; in 64-bit code a non-canonical target raises #GP. */
    private static void jumpTo(CpuState s, long target, int osz) {
        if (osz == 8) {
            if ((target << 16 >> 16) != target) {
                s.raise(13, 0);
                return;
            }
            s.rip = target;
        } else {
            s.rip = osz == 4 ? target & 0xFFFF_FFFFL : target & 0xFFFF;
        }
    }

    static void jcc(Cpu c, Insn in) {
        if (Flags.cond(c.s, in.ext)) {
            c.s.rip = in.imm;
        }
    }

    static void jmpRm(Cpu c, Insn in) {
        CpuState s = c.s;
        long t = Operands.readRm(c, in);
        if (!s.faulted()) {
            jumpTo(s, t, in.osz);
        }
    }

    static void callRel(Cpu c, Insn in) {
        if (push(c, in.nextRip, in.osz)) {
            c.s.rip = in.imm;
        }
    }

    static void callRm(Cpu c, Insn in) {
        CpuState s = c.s;
        long t = Operands.readRm(c, in);
        if (s.faulted()) {
            return;
        }
        long sp = s.r[4];
        if (push(c, in.nextRip, in.osz)) {
            jumpTo(s, t, in.osz);
            if (s.faulted()) {
                s.r[4] = sp;
            }
        }
    }

    static void ret(Cpu c, Insn in) {
        CpuState s = c.s;
        long sp = s.r[4];
        long t = pop(c, in.osz);
        if (s.faulted()) {
            return;
        }
        if (in.imm != 0) {
            Operands.setSp(s, s.r[4] + in.imm);
        }
        jumpTo(s, t, in.osz);
        if (s.faulted()) {
            s.r[4] = sp;
        }
    }

    /** LOOPNE, LOOPE, LOOP, JCXZ (ext 0..3); the counter is CX, ECX or RCX by address size. */
    static void loop(Cpu c, Insn in) {
        CpuState s = c.s;
        long m = Operands.mask(in.asz);
        long count = s.r[1] & m;
        boolean taken;
        if (in.ext == 3) {
            taken = count == 0;
        } else {
            count = (count - 1) & m;
            Operands.setReg(s.r, 1, in.asz, count);
            taken = count != 0 && switch (in.ext) {
                case 0 -> !Flags.zf(s);
                case 1 -> Flags.zf(s);
                default -> true;
            };
        }
        if (taken) {
            s.rip = in.imm;
        }
    }

    static void intN(Cpu c, Insn in) {
        CpuState s = c.s;
        if ((s.flags & Flags.VM) != 0 && s.iopl() < 3) {
            s.raise(13, 0);
            return;
        }
        s.raiseSoftware((int) in.imm);
    }

    static void int3(Cpu c) {
        c.s.raiseSoftware(3);
    }

    static void into(Cpu c) {
        if (Flags.of(c.s)) {
            c.s.raiseSoftware(4);
        }
    }

    static void int1(Cpu c) {
        c.s.raise(1);
        c.s.excSoftware = true;
    }

    static void hlt(Cpu c) {
        CpuState s = c.s;
        if (s.cpl != 0) {
            s.raise(13, 0);
            return;
        }
        s.pending |= CpuState.P_HALT;
    }
}
