package org.jvmm.hv.emu.impl.cpu.exec;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.sys.Segments;

/** MOV to/from segment registers, PUSH/POP of segment registers, LDS/LES/LSS/LFS/LGS. */
final class SegOps {

    private SegOps() {
    }

    static void movToSreg(Cpu c, Insn in) {
        CpuState s = c.s;
        int sel = (int) Operands.readRm(c, in, 2);
        if (!s.faulted() && Segments.load(c, in.reg, sel) && in.reg == CpuState.SS) {
            s.shadow = true;
            s.pending |= CpuState.P_END;
        }
    }

    static void movFromSreg(Cpu c, Insn in) {
        Operands.writeRm(c, in, c.s.segSel[in.reg]);
    }

    static void push(Cpu c, Insn in) {
        Operands.push(c, c.s.segSel[in.reg], in.osz);
    }

    static void pop(Cpu c, Insn in) {
        CpuState s = c.s;
        long sp = s.r[4];
        int sel = (int) Operands.pop(c, in.osz);
        if (s.faulted()) {
            return;
        }
        if (!Segments.load(c, in.reg, sel)) {
            s.r[4] = sp;
            return;
        }
        if (in.reg == CpuState.SS) {
            s.shadow = true;
            s.pending |= CpuState.P_END;
        }
    }

    /** LDS, LES, LSS, LFS, LGS (ext = segment): offset then selector from memory. */
    static void loadFar(Cpu c, Insn in) {
        CpuState s = c.s;
        long ea = Operands.ea(s, in);
        long off = c.mmu.read(ea, in.osz);
        long selAt = ea + in.osz;
        int sel = (int) c.mmu.rd16(s.long64 ? selAt : selAt & 0xFFFF_FFFFL);
        if (s.faulted() || !Segments.load(c, in.ext, sel)) {
            return;
        }
        Operands.setReg(s.r, in.reg, in.osz, off);
        if (in.ext == CpuState.SS) {
            s.pending |= CpuState.P_END;
        }
    }
}
