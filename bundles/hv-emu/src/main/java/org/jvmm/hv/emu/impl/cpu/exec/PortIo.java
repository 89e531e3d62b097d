package org.jvmm.hv.emu.impl.cpu.exec;

import static org.jvmm.hv.emu.impl.cpu.exec.Operands.linear;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.mask;
import static org.jvmm.hv.emu.impl.cpu.exec.Operands.setReg;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;

/** IN, OUT, INS, OUTS with the IOPL / TSS I/O-bitmap permission check. */
final class PortIo {

    private PortIo() {
    }

    /** True when the current privilege may access the ports; raises #GP(0) otherwise. */
    static boolean allowed(Cpu c, int port, int size) {
        CpuState s = c.s;
        if (!s.isProtected() || (s.cpl <= s.iopl() && (s.flags & Flags.VM) == 0)) {
            return true;
        }
        int type = s.trAttr & 0xF;
        if ((type == 9 || type == 11) && s.trLimit >= 0x67) {
            boolean old = c.mmu.beginSystem();
            long mapBase = c.mmu.rd16(s.trBase + 0x66);
            long byteOff = mapBase + (port >>> 3);
            boolean ok = false;
            if (!s.faulted() && byteOff + 1 <= s.trLimit) {
                long bits = c.mmu.rd16(s.trBase + byteOff);
                ok = !s.faulted() && ((bits >>> (port & 7)) & ((1 << size) - 1)) == 0;
            }
            c.mmu.endSystem(old);
            if (ok) {
                return true;
            }
            if (s.faulted()) {
                return false;
            }
        }
        s.raise(13, 0);
        return false;
    }

    static void in(Cpu c, Insn in, int port) {
        if (allowed(c, port, in.osz)) {
            setReg(c.s.r, 0, in.osz, c.io.portRead(port, in.osz));
        }
    }

    static void out(Cpu c, Insn in, int port) {
        if (allowed(c, port, in.osz)) {
            c.io.portWrite(port, in.osz, c.s.r[0] & mask(in.osz));
        }
    }

    /** INS (port to ES:rDI) and OUTS (seg:rSI to port), with REP. */
    static void string(Cpu c, Insn in, boolean input) {
        CpuState s = c.s;
        long[] r = s.r;
        int osz = in.osz;
        int port = (int) (r[2] & 0xFFFF);
        if (!allowed(c, port, osz)) {
            return;
        }
        int asz = in.asz;
        long am = mask(asz);
        boolean rep = Strings.rep(in);
        long delta = Strings.delta(s, osz);
        long count = rep ? r[1] & am : 1;
        int idx = input ? 7 : 6;
        for (int step = 0; count != 0; step++) {
            if (step == Strings.STEPS) {
                Strings.yieldRep(s, in);
                return;
            }
            long off = r[idx] & am;
            if (input) {
                long lin = linear(s, Strings.destSeg(s), off);
                if (c.mmu.hostForWrite(lin, osz) == -1) {
                    return;
                }
                c.mmu.write(lin, osz, c.io.portRead(port, osz));
            } else {
                long v = c.mmu.read(linear(s, in.seg, off), osz);
                if (s.faulted()) {
                    return;
                }
                c.io.portWrite(port, osz, v);
            }
            setReg(r, idx, asz, off + delta);
            count--;
            if (rep) {
                setReg(r, 1, asz, count);
            }
        }
    }
}
