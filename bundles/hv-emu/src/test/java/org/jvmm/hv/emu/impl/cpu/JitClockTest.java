package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jvmm.hv.emu.impl.cpu.jit.Jit;
import org.junit.jupiter.api.Test;

/**
 * Under instruction-counted time a clock read inside a translated region sees the count at the start
 * of its block, as the interpreter does, so what the guest reads does not depend on which blocks are
 * translated (deterministic runs repeat with the translator on or off, whenever it translates).
 */
class JitClockTest extends AsmTestBase {

    @Test
    void clockReadsInALaterBlockOfARegionSeeThatBlocksStart() {
        // Each pass: a block, then a block that reads the TSC (counted in instructions) and sums it.
        String source = "mov ecx, 200\nxor ebx, ebx\nxor r9d, r9d\n1: add r8, 1\njmp 2f\n2: rdtsc\n"
                + "shl rdx, 32\nor rax, rdx\nadd rbx, rax\nxor rbx, r9\nmov r9, rax\ndec ecx\njnz 1b\nhlt";
        byte[] code = Asm.assembleMany(List.of(source)).get(0);
        TestMachine interpreted = countingClock(JitDifferentialTest.machine(code, null, 3));
        TestMachine translated = countingClock(JitDifferentialTest.machine(code, new Jit(1), 3));

        assertEquals(Outcome.name(Outcome.HALT), Outcome.name(interpreted.cpu.run(1_000_000)));
        assertEquals(Outcome.name(Outcome.HALT), Outcome.name(translated.cpu.run(1_000_000)));

        assertTrue(translated.cpu.jit().translator().translated() > 0, "the loop was translated");
        JitDifferentialTest.same(source, interpreted, translated);
    }

    /** The TSC is the machine's retired count: one tick per instruction. */
    private static TestMachine countingClock(TestMachine m) {
        m.cpu.setClock(new GuestClock() {
            @Override
            public long tsc() {
                return m.cpu.retired();
            }

            @Override
            public long tscHz() {
                return 1_000_000_000L;
            }
        });
        return m;
    }
}
