package org.jvmm.hv.emu.diff;

/**
 * Where things are, at the same linear addresses natively and in the emulator: a region of
 * {@link #SIZE} bytes at {@code region} holding the code page (the native trampoline, with the
 * snippet under test at {@code snippet}), slack for signal frames, then the scratch data that memory
 * operands address and that the stack pointer points into. {@code fsBase} and {@code gsBase} are the
 * host thread's segment bases, given to the emulator too.
 */
record Layout(long region, long snippet, long fsBase, long gsBase) {

    static final int SIZE = 0xA000, SCRATCH_OFFSET = 0x8000, SCRATCH_SIZE = 0x2000, STACK_OFFSET = 0x100;

    long scratch() {
        return region + SCRATCH_OFFSET;
    }

    /** Initial RSP: inside the scratch area, so pushes and pops are compared like other memory. */
    long stack() {
        return scratch() + STACK_OFFSET;
    }

    /** The end of the snippet area: the trampoline's epilogue never starts before this. */
    long snippetLimit() {
        return snippet + 0x100;
    }
}
