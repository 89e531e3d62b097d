package org.jvmm.hv.whp.impl.emulate;

/**
 * MOVS, STOS, LODS, INS and OUTS, with REP. Addresses come from RSI (source, DS or an override) and
 * RDI (destination, always ES), sized by the address size, stepping by the operand size, down when
 * RFLAGS.DF is set. A REP instruction runs for at most {@link #MAX_BYTES} bytes per exit: RCX, RSI and
 * RDI then say how far it got and RIP stays on it, so the guest re-executes it (and exits again) to go
 * on, exactly as an interrupted REP string instruction does on hardware.
 */
public final class StringOps {
    /** Bytes one exit moves at most, so that a long REP does not hold the processor too long. */
    public static final int MAX_BYTES = 4096;

    private StringOps() {
    }

    /** MOVS, STOS or LODS, one side of which touched MMIO. */
    static Emulation memory(Instruction insn, EmulatorCpu cpu, EmulatorMemory memory) {
        Linear linear = new Linear(insn, cpu, memory);
        return run(insn, cpu, () -> switch (insn.opcode()) {
            case 0xA4, 0xA5 -> linear.write(linear.destination(), linear.read(linear.source()));
            case 0xAA, 0xAB -> linear.write(linear.destination(), Operands.read(cpu, Operands.RAX, insn.operandSize(), true));
            default -> {
                long v = linear.read(linear.source());
                if (linear.fault == null) {
                    Operands.write(cpu, Operands.RAX, insn.operandSize(), true, v);
                }
                yield linear.fault;
            }
        }, linear);
    }

    /** INS or OUTS on {@code port}. */
    public static Emulation io(Instruction insn, int port, EmulatorCpu cpu, EmulatorMemory memory, EmulatorIo io) {
        Linear linear = new Linear(insn, cpu, memory);
        boolean in = insn.opcode() == 0x6C || insn.opcode() == 0x6D;
        return run(insn, cpu, () -> {
            if (in) {
                return linear.write(linear.destination(), io.in(port, insn.operandSize()));
            }
            long v = linear.read(linear.source());
            if (linear.fault == null) {
                io.out(port, insn.operandSize(), v);
            }
            return linear.fault;
        }, linear);
    }

    @FunctionalInterface
    private interface Step {
        /** One element; returns a fault description, or null. */
        String apply();
    }

    private static Emulation run(Instruction insn, EmulatorCpu cpu, Step step, Linear linear) {
        int size = insn.operandSize();
        long addressMask = Alu.mask(insn.addressSize());
        long count = insn.rep() ? cpu.gpr(Operands.RCX) & addressMask : 1;
        long delta = (cpu.rflags() & Alu.DF) != 0 ? -size : size;
        long done = 0;
        long limit = Math.max(1, MAX_BYTES / size);
        while (done < count && done < limit) {
            String fault = step.apply();
            if (fault != null) {
                return done == 0 ? Emulation.failed(fault) : finish(insn, cpu, count - done);
            }
            linear.step(delta);
            done++;
        }
        return finish(insn, cpu, count - done);
    }

    private static Emulation finish(Instruction insn, EmulatorCpu cpu, long remaining) {
        if (insn.rep()) {
            cpu.setGpr(Operands.RCX, addressMerge(insn, cpu.gpr(Operands.RCX), remaining));
        }
        if (remaining == 0) {
            return MmioEmulator.advance(insn, cpu);
        }
        return Emulation.OK;
    }

    static long addressMerge(Instruction insn, long old, long value) {
        return Operands.merge(old, insn.addressSize(), value);
    }

    /** RSI/RDI with their segments, read and written through the guest's translation. */
    private static final class Linear {
        private final Instruction insn;
        private final EmulatorCpu cpu;
        private final EmulatorMemory memory;
        private final boolean flat;
        String fault;

        Linear(Instruction insn, EmulatorCpu cpu, EmulatorMemory memory) {
            this.insn = insn;
            this.cpu = cpu;
            this.memory = memory;
            this.flat = insn.addressSize() == 8;
        }

        long source() {
            int seg = insn.segment() >= 0 ? insn.segment() : EmulatorCpu.DS;
            return address(seg, Operands.RSI);
        }

        long destination() {
            return address(EmulatorCpu.ES, Operands.RDI);
        }

        private long address(int segment, int reg) {
            long offset = cpu.gpr(reg) & Alu.mask(insn.addressSize());
            boolean based = !flat || segment == EmulatorCpu.FS || segment == EmulatorCpu.GS;
            long linear = based ? cpu.segmentBase(segment) + offset : offset;
            return flat ? linear : linear & 0xFFFF_FFFFL;
        }

        void step(long delta) {
            if (usesSource()) {
                cpu.setGpr(Operands.RSI, addressMerge(insn, cpu.gpr(Operands.RSI), cpu.gpr(Operands.RSI) + delta));
            }
            if (usesDestination()) {
                cpu.setGpr(Operands.RDI, addressMerge(insn, cpu.gpr(Operands.RDI), cpu.gpr(Operands.RDI) + delta));
            }
        }

        private boolean usesSource() {
            int op = insn.opcode();
            return op == 0xA4 || op == 0xA5 || op == 0xAC || op == 0xAD || op == 0x6E || op == 0x6F;
        }

        private boolean usesDestination() {
            int op = insn.opcode();
            return op == 0xA4 || op == 0xA5 || op == 0xAA || op == 0xAB || op == 0x6C || op == 0x6D;
        }

        /** Reads one element; on a fault sets {@link #fault} and returns 0. */
        long read(long linear) {
            int size = insn.operandSize();
            long value = 0;
            for (int done = 0; done < size; ) {
                int chunk = chunk(linear + done, size - done);
                long gpa = memory.translate(linear + done, EmulatorMemory.Access.READ);
                if (gpa < 0) {
                    fault = "page fault reading linear address 0x" + Long.toHexString(linear + done);
                    return 0;
                }
                value |= (memory.read(gpa, chunk) & Alu.mask(chunk)) << (8 * done);
                done += chunk;
            }
            return value;
        }

        /** Writes one element; returns a fault description, or null. */
        String write(long linear, long value) {
            if (fault != null) {
                return fault;
            }
            int size = insn.operandSize();
            for (int done = 0; done < size; ) {
                int chunk = chunk(linear + done, size - done);
                long gpa = memory.translate(linear + done, EmulatorMemory.Access.WRITE);
                if (gpa < 0) {
                    return "page fault writing linear address 0x" + Long.toHexString(linear + done);
                }
                memory.write(gpa, chunk, (value >>> (8 * done)) & Alu.mask(chunk));
                done += chunk;
            }
            return null;
        }

        /** The whole element when it stays in one page, else single bytes up to the page end. */
        private static int chunk(long linear, int size) {
            return ((linear & 0xFFF) + size <= 0x1000) ? size : 1;
        }
    }
}
