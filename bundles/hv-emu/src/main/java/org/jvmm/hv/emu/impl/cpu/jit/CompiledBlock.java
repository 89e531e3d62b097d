package org.jvmm.hv.emu.impl.cpu.jit;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;

/**
 * A decoded block translated to JVM bytecode by {@link BlockCompiler}. Behaves like the interpreter
 * running the block's instructions {@code ins} in order: guest registers and lazy flags live in JVM
 * locals and are written back to the CPU state on every way out.
 */
public interface CompiledBlock {

    /**
     * Runs the block once, or again and again while it branches back to its own start, the retired
     * count stays within {@code budget} and no one asks for the CPU's attention. Returns the number of
     * instructions retired. When {@code c.s.pending} is non-zero on return, the instruction at index
     * {@code c.jitIndex} of the last pass set it and is not counted (the caller treats it as the
     * interpreter does); RIP is then the next instruction's, unless that instruction set it itself.
     */
    long run(Cpu c, Insn[] ins, long budget);
}
