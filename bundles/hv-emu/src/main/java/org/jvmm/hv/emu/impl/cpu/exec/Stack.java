package org.jvmm.hv.emu.impl.cpu.exec;

import static org.jvmm.hv.emu.impl.cpu.exec.Operands.pop;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.push;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.reg;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.setReg;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.sys.Iret;

/** PUSH, POP, PUSHF, POPF, PUSHA, POPA, ENTER, LEAVE. */
final class Stack {

    private Stack() {
    }

    static void pushR(Cpu c, Insn in) {
        push(c, reg(c.s.r, in.reg, in.osz), in.osz);
    }

    static void popR(Cpu c, Insn in) {
        CpuState s = c.s;
        long v = pop(c, in.osz);
        if (!s.faulted()) {
            setReg(s.r, in.reg, in.osz, v);
        }
    }

    static void pushRm(Cpu c, Insn in) {
        long v = Operands.readRm(c, in);
        if (!c.s.faulted()) {
            push(c, v, in.osz);
        }
    }

    /** POP r/m: a memory operand based on RSP uses RSP after the pop. */
    static void popRm(Cpu c, Insn in) {
        CpuState s = c.s;
        if (!in.mem) {
            long v = pop(c, in.osz);
            if (!s.faulted()) {
                setReg(s.r, in.rm, in.osz, v);
            }
            return;
        }
        long oldSp = s.r[4];
        long v = pop(c, in.osz);
        if (s.faulted()) {
            return;
        }
        c.mmu.write(Operands.ea(s, in), in.osz, v);
        if (s.faulted()) {
            s.r[4] = oldSp;
        }
    }

    static void pushf(Cpu c, Insn in) {
        CpuState s = c.s;
        if ((s.flags & Flags.VM) != 0 && s.iopl() < 3) {
            s.raise(13, 0);
            return;
        }
        push(c, s.rflags() & ~(Flags.RF | Flags.VM), in.osz);
    }

    static void popf(Cpu c, Insn in) {
        CpuState s = c.s;
        if ((s.flags & Flags.VM) != 0 && s.iopl() < 3) {
            s.raise(13, 0);
            return;
        }
        long v = pop(c, in.osz);
        if (s.faulted()) {
            return;
        }
        writeFlags(s, v, in.osz);
        s.pending |= CpuState.P_END;
    }

    /** Loads RFLAGS from POPF data under the privilege rules. */
    static void writeFlags(CpuState s, long v, int osz) {
        s.setRflags(Iret.flagsAfterPop(s, v, osz));
    }

    static void pusha(Cpu c, Insn in) {
        CpuState s = c.s;
        int osz = in.osz;
        long sp = s.r[4];
        for (int i = 0; i < 8; i++) {
            long v = i == 4 ? sp : s.r[i];
            if (!push(c, v, osz)) {
                s.r[4] = sp;
                return;
            }
        }
    }

    static void popa(Cpu c, Insn in) {
        CpuState s = c.s;
        int osz = in.osz;
        long sp = s.r[4];
        long[] v = s.scratch;
        for (int i = 7; i >= 0; i--) {
            v[i] = pop(c, osz);
            if (s.faulted()) {
                s.r[4] = sp;
                return;
            }
        }
        for (int i = 0; i < 8; i++) {
            if (i != 4) {
                setReg(s.r, i, osz, v[i]);
            }
        }
    }

    static void enter(Cpu c, Insn in) {
        CpuState s = c.s;
        int osz = in.osz;
        int level = in.imm2 & 31;
        long sp0 = s.r[4];
        long bp0 = s.r[5];
        if (!push(c, bp0, osz)) {
            return;
        }
        long frame = s.r[4];
        if (level > 0) {
            long bp = bp0;
            for (int i = 1; i < level; i++) {
                bp = (bp - osz) & stackMask(s);
                long v = c.mmu.read(Operands.stackLinear(s, bp), osz);
                if (s.faulted() || !push(c, v, osz)) {
                    s.r[4] = sp0;
                    return;
                }
            }
            if (!push(c, frame, osz)) {
                s.r[4] = sp0;
                return;
            }
        }
        long newSp = (s.r[4] - in.imm) & stackMask(s);
        c.mmu.read(Operands.stackLinear(s, newSp), 1);
        if (s.faulted()) {
            s.r[4] = sp0;
            return;
        }
        setReg(s.r, 5, s.stackSize == 2 ? 2 : osz, frame);
        Operands.setSp(s, newSp);
    }

    private static long stackMask(CpuState s) {
        return Operands.mask(s.stackSize);
    }

    static void leave(Cpu c, Insn in) {
        CpuState s = c.s;
        long sp = s.r[4];
        Operands.setSp(s, s.r[5]);
        long v = pop(c, in.osz);
        if (s.faulted()) {
            s.r[4] = sp;
            return;
        }
        setReg(s.r, 5, in.osz, v);
    }
}
