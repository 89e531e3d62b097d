package org.jvmm.hv.emu.impl.cpu.exec;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.decode.Op;
import org.jvmm.hv.emu.impl.cpu.fpu.Sse;
import org.jvmm.hv.emu.impl.cpu.fpu.X87;
import org.jvmm.hv.emu.impl.cpu.sys.ControlRegs;
import org.jvmm.hv.emu.impl.cpu.sys.FastCalls;
import org.jvmm.hv.emu.impl.cpu.sys.Iret;
import org.jvmm.hv.emu.impl.cpu.sys.Tables;

/**
 * The interpreter's dispatch: a switch over {@link Op} in the loop over a block's instructions for the
 * common operations, then switches for the rarer ones; each case calls a small static method.
 */
public final class Exec {

    private Exec() {
    }

    /**
     * Interprets instructions {@code from} (inclusive) to {@code to} (exclusive) of a block: sets RIP to
     * each one's successor, runs it, and stops at the first that leaves something pending. Returns that
     * instruction's index, or {@code to}. The dispatch loop and the common handlers stay in one compiled
     * method (a call per instruction into a switch too large to inline costs much more).
     */
    public static int run(Cpu c, Insn[] ins, int from, int to) {
        CpuState s = c.s;
        for (int i = from; i < to; i++) {
            Insn in = ins[i];
            s.rip = in.nextRip;
            switch (in.op) {
                case Op.F_MOV64_RR -> s.r[in.rm] = s.r[in.reg];
                case Op.F_MOV32_RR -> s.r[in.rm] = s.r[in.reg] & 0xFFFF_FFFFL;
                case Op.F_LOAD64 -> {
                    long v = c.mmu.rd64(Fast.ea64(s, in));
                    if ((s.pending & CpuState.P_EXC) == 0) {
                        s.r[in.reg] = v;
                    }
                }
                case Op.F_LOAD32 -> {
                    long v = c.mmu.rd32(Fast.ea64(s, in));
                    if ((s.pending & CpuState.P_EXC) == 0) {
                        s.r[in.reg] = v;
                    }
                }
                case Op.F_STORE64 -> c.mmu.wr64(Fast.ea64(s, in), s.r[in.reg]);
                case Op.F_STORE32 -> c.mmu.wr32(Fast.ea64(s, in), s.r[in.reg]);
                case Op.F_ALU64_RR -> Fast.alu64RR(s, in);
                case Op.F_ALU32_RR -> Fast.alu32RR(s, in);
                case Op.F_ALU64_RI -> Fast.alu64RI(s, in);
                case Op.F_ALU32_RI -> Fast.alu32RI(s, in);
                case Op.F_ALU64_RM -> Fast.alu64RM(c, in);
                case Op.F_ALU32_RM -> Fast.alu32RM(c, in);
                case Op.F_SHIFT64_RI -> Fast.shift64(s, in);
                case Op.F_SHIFT32_RI -> Fast.shift32(s, in);
                case Op.F_IMUL64_RR -> Fast.imul64(s, in);
                case Op.F_LEA64 -> Fast.lea64(s, in);
                case Op.F_PUSH64 -> Fast.push64(c, in);
                case Op.F_POP64 -> Fast.pop64(c, in);
                case Op.F_CALL64 -> Fast.call64(c, in);
                case Op.F_RET64 -> Fast.ret64(c);
                case Op.F_MOVZXB32 -> Fast.movzxb32(c, in);
                case Op.F_MOVSXD64 -> Fast.movsxd64(c, in);
                case Op.F_SETCC_R -> s.r[in.rm] = (s.r[in.rm] & ~0xFFL) | (Flags.cond(s, in.ext) ? 1 : 0);
                case Op.F_CMOV64_RR -> {
                    if (Flags.cond(s, in.ext)) {
                        s.r[in.rm] = s.r[in.reg];
                    }
                }
                case Op.F_CMOV32_RR -> s.r[in.rm] = (Flags.cond(s, in.ext) ? s.r[in.reg] : s.r[in.rm]) & 0xFFFF_FFFFL;
                case Op.F_INCDEC64 -> Fast.incDec(s, in, 3);
                case Op.F_INCDEC32 -> Fast.incDec(s, in, 2);
                case Op.JCC -> Branch.jcc(c, in);
                case Op.JMP_REL -> s.rip = in.imm;
                case Op.MOV_R_I -> Moves.movRI(c, in);
                case Op.NOP -> {
                }
                default -> generic(c, in);
            }
            if (s.pending != 0) {
                return i;
            }
        }
        return to;
    }

    private static void generic(Cpu c, Insn in) {
        switch (in.op) {
            case Op.MOV_RM_R -> Moves.movRmR(c, in);
            case Op.MOV_R_RM -> Moves.movRRm(c, in);
            case Op.ALU_RM_R -> Alu.rmR(c, in);
            case Op.ALU_R_RM -> Alu.rRm(c, in);
            case Op.ALU_RM_I -> Alu.rmI(c, in);
            case Op.LEA -> Moves.lea(c, in);
            case Op.MOV_RM_I -> Moves.movRmI(c, in);
            case Op.TEST_RM_R -> Alu.testRmR(c, in);
            case Op.TEST_RM_I -> Alu.testRmI(c, in);
            case Op.SHIFT_I -> Shifts.shift(c, in, false);
            case Op.SHIFT_CL -> Shifts.shift(c, in, true);
            case Op.MOVZX -> Moves.extend(c, in, false);
            case Op.MOVSX -> Moves.extend(c, in, true);
            case Op.IMUL_R_RM -> MulDiv.imul2(c, in, false);
            case Op.IMUL_R_RM_I -> MulDiv.imul2(c, in, true);
            case Op.PUSH_R -> Stack.pushR(c, in);
            case Op.POP_R -> Stack.popR(c, in);
            case Op.CALL_REL -> Branch.callRel(c, in);
            case Op.RET -> Branch.ret(c, in);
            case Op.CMOV -> Moves.cmov(c, in);
            case Op.SETCC -> Moves.setcc(c, in);
            case Op.PAUSE -> {
            }
            case Op.FENCE -> java.lang.invoke.VarHandle.fullFence();
            default -> rare(c, in);
        }
    }

    private static void rare(Cpu c, Insn in) {
        switch (in.op) {
            case Op.INC -> Alu.unary(c, in, Alu.INC);
            case Op.DEC -> Alu.unary(c, in, Alu.DEC);
            case Op.NOT -> Alu.unary(c, in, Alu.NOT);
            case Op.NEG -> Alu.unary(c, in, Alu.NEG);
            case Op.MUL -> MulDiv.mul(c, in);
            case Op.IMUL1 -> MulDiv.imul1(c, in);
            case Op.DIV -> MulDiv.div(c, in);
            case Op.IDIV -> MulDiv.idiv(c, in);
            case Op.SHLD_I -> Shifts.doubleShift(c, in, true, false);
            case Op.SHLD_CL -> Shifts.doubleShift(c, in, true, true);
            case Op.SHRD_I -> Shifts.doubleShift(c, in, false, false);
            case Op.SHRD_CL -> Shifts.doubleShift(c, in, false, true);
            case Op.BT_RM_R -> Bits.bitTest(c, in, false);
            case Op.BT_RM_I -> Bits.bitTest(c, in, true);
            case Op.BSF -> Bits.scan(c, in, true);
            case Op.BSR -> Bits.scan(c, in, false);
            case Op.TZCNT -> Bits.count(c, in, true);
            case Op.LZCNT -> Bits.count(c, in, false);
            case Op.POPCNT -> Bits.popcnt(c, in);
            case Op.BSWAP -> Bits.bswap(c, in);
            case Op.XADD -> Exchange.xadd(c, in);
            case Op.CMPXCHG -> Exchange.cmpxchg(c, in);
            case Op.CMPXCHG8B -> Exchange.cmpxchg8b(c, in);
            case Op.XCHG_RM_R -> Exchange.xchg(c, in);
            case Op.CBW -> Moves.cbw(c, in);
            case Op.CWD -> Moves.cwd(c, in);
            case Op.XLAT -> Moves.xlat(c, in);
            case Op.LAHF -> Moves.lahf(c);
            case Op.SAHF -> Moves.sahf(c);
            case Op.SALC -> Moves.salc(c);
            case Op.PUSH_I -> Operands.push(c, in.imm, in.osz);
            case Op.PUSH_RM -> Stack.pushRm(c, in);
            case Op.POP_RM -> Stack.popRm(c, in);
            case Op.PUSHF -> Stack.pushf(c, in);
            case Op.POPF -> Stack.popf(c, in);
            case Op.PUSHA -> Stack.pusha(c, in);
            case Op.POPA -> Stack.popa(c, in);
            case Op.ENTER -> Stack.enter(c, in);
            case Op.LEAVE -> Stack.leave(c, in);
            case Op.JMP_RM -> Branch.jmpRm(c, in);
            case Op.CALL_RM -> Branch.callRm(c, in);
            case Op.LOOP -> Branch.loop(c, in);
            case Op.MOVS -> Strings.movs(c, in);
            case Op.STOS -> Strings.stos(c, in);
            case Op.LODS -> Strings.lods(c, in);
            case Op.CMPS -> Strings.compare(c, in, false);
            case Op.SCAS -> Strings.compare(c, in, true);
            default -> system(c, in);
        }
    }

    private static void system(Cpu c, Insn in) {
        CpuState s = c.s;
        switch (in.op) {
            case Op.INT -> Branch.intN(c, in);
            case Op.INT3 -> Branch.int3(c);
            case Op.INTO -> Branch.into(c);
            case Op.INT1 -> Branch.int1(c);
            case Op.HLT -> Branch.hlt(c);
            case Op.IRET -> Iret.iret(c, in.osz);
            case Op.RETF -> FarOps.retf(c, in);
            case Op.JMP_FAR -> FarOps.jmpFar(c, in);
            case Op.CALL_FAR -> FarOps.callFar(c, in);
            case Op.JMP_FAR_M -> FarOps.jmpFarM(c, in);
            case Op.CALL_FAR_M -> FarOps.callFarM(c, in);
            case Op.CLC -> Misc.setCarry(s, 0);
            case Op.STC -> Misc.setCarry(s, 1);
            case Op.CMC -> Misc.setCarry(s, 2);
            case Op.CLD -> s.flags &= ~Flags.DF;
            case Op.STD -> s.flags |= Flags.DF;
            case Op.CLI -> Misc.interruptFlag(c, false);
            case Op.STI -> Misc.interruptFlag(c, true);
            case Op.IN_I -> PortIo.in(c, in, (int) in.imm);
            case Op.OUT_I -> PortIo.out(c, in, (int) in.imm);
            case Op.IN_DX -> PortIo.in(c, in, (int) s.r[2] & 0xFFFF);
            case Op.OUT_DX -> PortIo.out(c, in, (int) s.r[2] & 0xFFFF);
            case Op.INS -> PortIo.string(c, in, true);
            case Op.OUTS -> PortIo.string(c, in, false);
            case Op.CPUID -> Misc.cpuid(c);
            case Op.RDRAND -> Misc.rdrand(c, in);
            case Op.RDTSC -> Misc.rdtsc(c, false);
            case Op.RDTSCP -> Misc.rdtsc(c, true);
            case Op.RDMSR -> Misc.rdmsr(c);
            case Op.WRMSR -> Misc.wrmsr(c);
            case Op.MOV_RM_SREG -> SegOps.movFromSreg(c, in);
            case Op.MOV_SREG_RM -> SegOps.movToSreg(c, in);
            case Op.PUSH_SREG -> SegOps.push(c, in);
            case Op.POP_SREG -> SegOps.pop(c, in);
            case Op.LSEG -> SegOps.loadFar(c, in);
            default -> system2(c, in);
        }
    }

    /**
     * #UD for UD0/UD1/UD2 and for unrecognised bytes in user mode (a program may probe); unrecognised
     * bytes in the kernel are far more likely an instruction this CPU lacks, so they stop the processor
     * with an emulation failure that shows them.
     */
    private static void undefined(Cpu c, Insn in) {
        if (in.ext == 1 || c.s.cpl == 3) {
            c.s.raise(6);
        } else {
            c.unimplemented(in);
        }
    }

    private static void system2(Cpu c, Insn in) {
        CpuState s = c.s;
        switch (in.op) {
            case Op.MOV_R_CR -> ControlRegs.movFromCr(c, in);
            case Op.MOV_CR_R -> ControlRegs.movToCr(c, in);
            case Op.MOV_R_DR -> ControlRegs.movDr(c, in, false);
            case Op.MOV_DR_R -> ControlRegs.movDr(c, in, true);
            case Op.LMSW -> ControlRegs.lmsw(c, in);
            case Op.SMSW -> ControlRegs.smsw(c, in);
            case Op.CLTS -> ControlRegs.clts(c);
            case Op.INVLPG -> ControlRegs.invlpg(c, in);
            case Op.WBINVD -> ControlRegs.wbinvd(c);
            case Op.LGDT -> Tables.load(c, in, false);
            case Op.LIDT -> Tables.load(c, in, true);
            case Op.SGDT -> Tables.store(c, in, false);
            case Op.SIDT -> Tables.store(c, in, true);
            case Op.LLDT -> Tables.lldt(c, in);
            case Op.LTR -> Tables.ltr(c, in);
            case Op.SLDT -> Tables.storeSelector(c, in, true);
            case Op.STR -> Tables.storeSelector(c, in, false);
            case Op.LAR -> Tables.access(c, in, 0);
            case Op.LSL -> Tables.access(c, in, 1);
            case Op.VERR -> Tables.access(c, in, 2);
            case Op.VERW -> Tables.access(c, in, 3);
            case Op.SYSCALL -> FastCalls.syscall(c);
            case Op.SYSRET -> FastCalls.sysret(c, in);
            case Op.SYSENTER -> FastCalls.sysenter(c);
            case Op.SYSEXIT -> FastCalls.sysexit(c, in);
            case Op.SWAPGS -> FastCalls.swapgs(c);
            case Op.DAA, Op.DAS, Op.AAA, Op.AAS -> Bcd.decimal(c, in.op);
            case Op.AAM -> Bcd.aam(c, in);
            case Op.AAD -> Bcd.aad(c, in);
            case Op.ARPL -> Bcd.arpl(c, in);
            case Op.X87 -> X87.exec(c, in);
            case Op.FWAIT -> X87.fwait(c);
            case Op.SSE -> Sse.exec(c, in);
            case Op.FXSAVE -> X87.fxsave(c, in);
            case Op.FXRSTOR -> X87.fxrstor(c, in);
            case Op.LDMXCSR -> Sse.ldmxcsr(c, in);
            case Op.STMXCSR -> Sse.stmxcsr(c, in);
            case Op.GP_LONG -> s.raise(13, 0);
            case Op.RDPMC, Op.MONITOR, Op.MWAIT, Op.XGETBV -> s.raise(6);
            case Op.UD -> undefined(c, in);
            default -> c.unimplemented(in);
        }
    }
}
