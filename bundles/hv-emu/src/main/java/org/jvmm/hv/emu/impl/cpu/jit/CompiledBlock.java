package org.jvmm.hv.emu.impl.cpu.jit;

import org.jvmm.hv.emu.impl.cpu.Cpu;

/**
 * A translated region of code (see {@link Region}) entered at its first block. Behaves like the
 * interpreter running the same instructions: guest registers and lazy flags live in JVM locals and are
 * written back to the CPU state on every way out. An abstract class rather than an interface: the
 * dispatch loop's call to {@link #run} sees hundreds of generated classes, and a virtual call through
 * the vtable costs less than an interface call's itable search.
 */
public abstract class CompiledBlock {

    /** For the generated subclasses. */
    protected CompiledBlock() {
    }

    /**
     * Runs from the entry block through the region's blocks while the retired count stays within
     * {@code budget} and no one asks for the CPU's attention. Returns the number of instructions
     * retired. When {@code c.s.pending} is non-zero on return, the instruction at {@code c.jitRip} set it
     * and is not counted (the caller treats it as the interpreter does); RIP is then the next
     * instruction's, unless that instruction set it itself. A negative {@code budget} is the
     * translator's readiness probe ({@link CompileWait}): the call returns 0 at once and does not
     * touch {@code c}, which may be null.
     */
    public abstract long run(Cpu c, long budget);
}
