package org.jvmm.hv.emu.impl.cpu.exec;

import static org.jvmm.hv.emu.impl.cpu.exec.Operands.setReg;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.decode.Op;

/** Legacy BCD adjustments (DAA DAS AAA AAS AAM AAD) and ARPL, 16/32-bit code only. */
final class Bcd {

    private Bcd() {
    }

    private static void result(CpuState s, long al, boolean cf, boolean af) {
        Flags.set(s, Flags.K_LOGIC, 0, 0, 0, al);
        long f = Flags.arith(s) & ~(Flags.CF | Flags.AF);
        Flags.setArith(s, f | (cf ? Flags.CF : 0) | (af ? Flags.AF : 0));
    }

    static void decimal(Cpu c, int op) {
        CpuState s = c.s;
        long[] r = s.r;
        long al = r[0] & 0xFF;
        boolean cf = Flags.cf(s);
        boolean af = Flags.af(s);
        long oldAl = al;
        if (op == Op.DAA || op == Op.DAS) {
            boolean sub = op == Op.DAS;
            boolean newCf = false;
            if ((al & 0xF) > 9 || af) {
                al = sub ? al - 6 : al + 6;
                newCf = cf || (sub ? oldAl < 6 : al > 0xFF);
                af = true;
            } else {
                af = false;
            }
            if (oldAl > 0x99 || cf) {
                al = sub ? al - 0x60 : al + 0x60;
                newCf = true;
            }
            setReg(r, 0, 1, al);
            result(s, al & 0xFF, newCf, af);
            return;
        }
        boolean sub = op == Op.AAS;
        if ((al & 0xF) > 9 || af) {
            long ax = r[0] & 0xFFFF;
            ax = sub ? ax - 6 - 0x100 : ax + 0x106;
            setReg(r, 0, 2, ax & 0xFF0F);
            result(s, ax & 0x0F, true, true);
        } else {
            setReg(r, 0, 1, al & 0xF);
            result(s, al & 0xF, false, false);
        }
    }

    static void aam(Cpu c, Insn in) {
        CpuState s = c.s;
        int base = (int) in.imm & 0xFF;
        if (base == 0) {
            s.raise(0);
            return;
        }
        long al = s.r[0] & 0xFF;
        long v = (al / base) << 8 | (al % base);
        setReg(s.r, 0, 2, v);
        Flags.set(s, Flags.K_LOGIC, 0, 0, 0, v & 0xFF);
    }

    static void aad(Cpu c, Insn in) {
        CpuState s = c.s;
        long ax = s.r[0];
        long al = ((ax & 0xFF) + ((ax >>> 8) & 0xFF) * (in.imm & 0xFF)) & 0xFF;
        setReg(s.r, 0, 2, al);
        Flags.set(s, Flags.K_LOGIC, 0, 0, 0, al);
    }

    static void arpl(Cpu c, Insn in) {
        CpuState s = c.s;
        if (!s.isProtected()) {
            s.raise(6);
            return;
        }
        long dst = Operands.readRm(c, in, 2);
        if (s.faulted()) {
            return;
        }
        long src = s.r[in.reg] & 0xFFFF;
        long f = Flags.arith(s) & ~Flags.ZF;
        if ((dst & 3) < (src & 3)) {
            Operands.writeRm(c, in, (dst & ~3L) | (src & 3));
            if (s.faulted()) {
                return;
            }
            f |= Flags.ZF;
        }
        Flags.setArith(s, f);
    }
}
