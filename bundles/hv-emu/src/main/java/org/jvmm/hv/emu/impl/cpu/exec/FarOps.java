package org.jvmm.hv.emu.impl.cpu.exec;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.sys.FarControl;

/** Operand fetching for far JMP/CALL/RET; the transfers are in {@link FarControl}. */
final class FarOps {

    private FarOps() {
    }

    static void jmpFar(Cpu c, Insn in) {
        FarControl.jmp(c, in.imm2, in.imm, in.osz);
    }

    static void callFar(Cpu c, Insn in) {
        FarControl.call(c, in.imm2, in.imm, in.osz);
    }

    static void jmpFarM(Cpu c, Insn in) {
        CpuState s = c.s;
        long ea = Operands.ea(s, in);
        long off = c.mmu.read(ea, in.osz);
        int sel = (int) c.mmu.rd16(ea + in.osz);
        if (!s.faulted()) {
            FarControl.jmp(c, sel, off, in.osz);
        }
    }

    static void callFarM(Cpu c, Insn in) {
        CpuState s = c.s;
        long ea = Operands.ea(s, in);
        long off = c.mmu.read(ea, in.osz);
        int sel = (int) c.mmu.rd16(ea + in.osz);
        if (!s.faulted()) {
            FarControl.call(c, sel, off, in.osz);
        }
    }

    static void retf(Cpu c, Insn in) {
        FarControl.ret(c, in.osz, (int) in.imm);
    }
}
