package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/** Base for tests whose guest code is assembled with GNU as: skipped when binutils are missing. */
abstract class AsmTestBase {

    static final int CF = Flags.CF, PF = Flags.PF, AF = Flags.AF, ZF = Flags.ZF, SF = Flags.SF, OF = Flags.OF;
    static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;

    @BeforeAll
    static void binutils() {
        assumeTrue(Asm.available(), "GNU as/ld not installed");
    }

    /** Runs 64-bit code to HLT on a fresh machine. */
    static TestMachine run64(String source) {
        return new TestMachine().long64().run(source);
    }

    /** Runs 32-bit protected-mode code to HLT. */
    static TestMachine run32(String source) {
        return new TestMachine().prot32().run(".code32\n" + source);
    }

    static long arith(TestMachine m) {
        return m.s.rflags() & Flags.ARITH_MASK;
    }
}
