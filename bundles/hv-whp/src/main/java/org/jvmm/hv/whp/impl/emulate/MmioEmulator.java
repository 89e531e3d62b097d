package org.jvmm.hv.whp.impl.emulate;

/**
 * Emulates one instruction whose memory operand faulted at guest-physical address {@code gpa} (MMIO):
 * MOV in all memory forms, MOVZX/MOVSX, MOVNTI, the ALU operations and TEST with flags, XCHG, and the
 * string instructions (which address memory through RSI/RDI instead). On success RIP points past the
 * instruction (or, for an unfinished REP, still at it); on failure nothing was written.
 */
public final class MmioEmulator {
    private MmioEmulator() {
    }

    public static Emulation emulate(Instruction insn, long gpa, EmulatorCpu cpu, EmulatorMemory memory) {
        int op = insn.opcode();
        if (op < 0x40) {
            return alu(insn, op >> 3, (op & 2) != 0, gpa, cpu, memory);
        }
        return switch (op) {
            case 0x80, 0x81, 0x82, 0x83 -> aluImmediate(insn, gpa, cpu, memory);
            case 0x84, 0x85 -> test(insn, Operands.read(cpu, insn.reg(), insn.operandSize(), insn.rex()), gpa, cpu,
                    memory);
            case 0xF6, 0xF7 -> insn.extension() <= 1 ? test(insn, insn.immediate(), gpa, cpu, memory)
                    : unsupported(insn);
            case 0x86, 0x87 -> exchange(insn, gpa, cpu, memory);
            case 0x88, 0x89, 0x0FC3 -> store(insn, gpa, Operands.read(cpu, insn.reg(), insn.operandSize(), insn.rex()),
                    cpu, memory);
            case 0xC6, 0xC7 -> insn.extension() == 0 ? store(insn, gpa, insn.immediate(), cpu, memory)
                    : unsupported(insn);
            case 0xA2, 0xA3 -> store(insn, gpa, Operands.read(cpu, Operands.RAX, insn.operandSize(), true), cpu, memory);
            case 0x8A, 0x8B -> load(insn, insn.reg(), memory.read(gpa, insn.operandSize()), cpu);
            case 0xA0, 0xA1 -> load(insn, Operands.RAX, memory.read(gpa, insn.operandSize()), cpu);
            case 0x0FB6, 0x0FBE -> extend(insn, 1, op == 0x0FBE, gpa, cpu, memory);
            case 0x0FB7, 0x0FBF -> extend(insn, 2, op == 0x0FBF, gpa, cpu, memory);
            case 0xA4, 0xA5, 0xAA, 0xAB, 0xAC, 0xAD -> StringOps.memory(insn, cpu, memory);
            default -> unsupported(insn);
        };
    }

    private static Emulation unsupported(Instruction insn) {
        return Emulation.failed("opcode " + Decoder.hex(insn.opcode()) + " /" + insn.extension()
                + " is not emulated for MMIO");
    }

    private static Emulation store(Instruction insn, long gpa, long value, EmulatorCpu cpu, EmulatorMemory memory) {
        memory.write(gpa, insn.operandSize(), value & Alu.mask(insn.operandSize()));
        return advance(insn, cpu);
    }

    private static Emulation load(Instruction insn, int reg, long value, EmulatorCpu cpu) {
        Operands.write(cpu, reg, insn.operandSize(), insn.rex() || reg == Operands.RAX, value);
        return advance(insn, cpu);
    }

    private static Emulation extend(Instruction insn, int sourceSize, boolean signed, long gpa, EmulatorCpu cpu,
            EmulatorMemory memory) {
        long v = memory.read(gpa, sourceSize);
        long extended = signed ? Operands.signExtend(v, sourceSize) : v;
        Operands.write(cpu, insn.reg(), insn.operandSize(), insn.rex(), extended & Alu.mask(insn.operandSize()));
        return advance(insn, cpu);
    }

    private static Emulation alu(Instruction insn, int aluOp, boolean toRegister, long gpa, EmulatorCpu cpu,
            EmulatorMemory memory) {
        int size = insn.operandSize();
        long reg = Operands.read(cpu, insn.reg(), size, insn.rex());
        long mem = memory.read(gpa, size);
        long a = toRegister ? reg : mem;
        long b = toRegister ? mem : reg;
        long r = Alu.result(aluOp, size, a, b, cpu.rflags());
        cpu.setRflags(Alu.flags(aluOp, size, a, b, r, cpu.rflags()));
        if (aluOp != Alu.CMP) {
            if (toRegister) {
                Operands.write(cpu, insn.reg(), size, insn.rex(), r);
            } else {
                memory.write(gpa, size, r);
            }
        }
        return advance(insn, cpu);
    }

    private static Emulation aluImmediate(Instruction insn, long gpa, EmulatorCpu cpu, EmulatorMemory memory) {
        int size = insn.operandSize();
        int aluOp = insn.extension();
        long a = memory.read(gpa, size);
        long b = insn.immediate() & Alu.mask(size);
        long r = Alu.result(aluOp, size, a, b, cpu.rflags());
        cpu.setRflags(Alu.flags(aluOp, size, a, b, r, cpu.rflags()));
        if (aluOp != Alu.CMP) {
            memory.write(gpa, size, r);
        }
        return advance(insn, cpu);
    }

    private static Emulation test(Instruction insn, long operand, long gpa, EmulatorCpu cpu, EmulatorMemory memory) {
        int size = insn.operandSize();
        long a = memory.read(gpa, size);
        long b = operand & Alu.mask(size);
        long r = Alu.result(Alu.AND, size, a, b, cpu.rflags());
        cpu.setRflags(Alu.flags(Alu.AND, size, a, b, r, cpu.rflags()));
        return advance(insn, cpu);
    }

    private static Emulation exchange(Instruction insn, long gpa, EmulatorCpu cpu, EmulatorMemory memory) {
        int size = insn.operandSize();
        long old = memory.read(gpa, size);
        memory.write(gpa, size, Operands.read(cpu, insn.reg(), size, insn.rex()));
        Operands.write(cpu, insn.reg(), size, insn.rex(), old);
        return advance(insn, cpu);
    }

    static Emulation advance(Instruction insn, EmulatorCpu cpu) {
        cpu.setRip(cpu.rip() + insn.length());
        return Emulation.OK;
    }
}
