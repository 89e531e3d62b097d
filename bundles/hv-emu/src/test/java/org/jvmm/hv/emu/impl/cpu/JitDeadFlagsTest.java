package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvmm.hv.emu.impl.cpu.jit.Jit;

/**
 * The translator leaves out the work of flag results nobody sees (IMUL's carry helper, a rotate's
 * CF/OF update, the lazy-flag stores) and must keep it wherever something may see them: a reader, a
 * memory access that may fault, an interpreted instruction, the end of the block. Each program runs
 * interpreted and translated from the same state (see {@link JitDifferentialTest}); registers, flags,
 * memory and the retired count must match.
 */
class JitDeadFlagsTest extends AsmTestBase {

    @Test
    void flagsOverwrittenBeforeAnyReaderMatchTheInterpreter() {
        List<String> programs = List.of(
                // dead: a full writer follows after register moves only
                "imul rax, rbx\nmov rcx, rax\nimul rdx, rcx\nmov r8d, edx\nadd rcx, rdx\nsetc byte ptr [rsi]\n"
                        + "seto byte ptr [rsi + 1]\nhlt",
                "ror eax, 7\nrol rbx, 13\nmov ecx, eax\nxor eax, ebx\nrol ecx, 1\nsub ecx, 5\nsetbe byte ptr [rsi]\n"
                        + "pushf\npop rdx\nhlt",
                "add rax, rbx\nneg rcx\nlea rdx, [rax + rcx * 4]\nmovzx r9d, cl\nshl rdx, 3\nsets byte ptr [rsi]\nhlt",
                "inc rax\ndec ebx\nnot rcx\nshr rcx, 9\nimul rax, rcx\ntest eax, eax\njz 1f\nmov edx, 1\n1: hlt",
                "sub rax, rbx\nbswap rax\nmov r10, 0x1234567890\ncmp rax, r10\nadc rdx, 0\nhlt");
        List<byte[]> code = Asm.assembleMany(programs);
        for (int p = 0; p < programs.size(); p++) {
            for (long seed = 0; seed < 8; seed++) {
                JitDifferentialTest.compare(programs.get(p), code.get(p), seed * 31 + p);
            }
        }
    }

    @Test
    void flagsSomethingMaySeeMatchTheInterpreter() {
        List<String> programs = List.of(
                // read directly after the producer
                "imul rax, rbx\nseto byte ptr [rsi]\nsetc byte ptr [rsi + 1]\nhlt",
                "ror eax, 7\nsetc byte ptr [rsi]\nseto byte ptr [rsi + 1]\nhlt",
                // read after register moves
                "rol rbx, 13\nmov rcx, rbx\nlea rdx, [rcx + 8]\njc 1f\nmov edi, 7\n1: hlt",
                "imul rax, rbx\nmov rcx, rax\nadc rdx, rcx\nhlt",
                // a partial writer (INC keeps CF) is no full writer
                "imul rax, rbx\ninc rcx\nsetc byte ptr [rsi]\nseto byte ptr [rsi + 1]\nhlt",
                "add rax, rbx\nrol rcx, 3\nsetz byte ptr [rsi]\nsetc byte ptr [rsi + 1]\nhlt",
                // a memory access between producer and overwrite: a fault would see the flags
                "imul rax, rbx\nmov rcx, [rsi + 64]\nadd rcx, rax\nhlt",
                "ror rax, 5\nmov [rsi + 8], rax\nxor rax, rbx\nhlt",
                // an interpreted instruction between
                "imul rax, rbx\npushf\npop rcx\nadd rax, rcx\nhlt",
                "ror rbx, 9\npushf\nadd rax, rbx\npop rcx\nhlt",
                // the producer ends its block: the next block reads
                "ror eax, 1\njmp 1f\n1: seto byte ptr [rsi]\nsetc byte ptr [rsi + 1]\nhlt",
                "imul rax, rbx\njo 1f\nmov edx, 2\n1: hlt");
        List<byte[]> code = Asm.assembleMany(programs);
        for (int p = 0; p < programs.size(); p++) {
            for (long seed = 0; seed < 8; seed++) {
                JitDifferentialTest.compare(programs.get(p), code.get(p), seed * 17 + p);
            }
        }
    }

    @Test
    void aFaultAfterDeadFlagsSeesTheFlagsOfTheLastLiveProducer() {
        // The load faults (unmapped, empty IDT): both machines shut down there with the same state.
        faultsLikeTheInterpreter("mov rdx, 0x7fff00000000\ncmp rax, rbx\nimul rcx, rax\nmov r8, rcx\nror r9, 3\n"
                + "mov r10, [rdx]\nadd rax, 1\nhlt");
    }

    @Test
    void flagsCarriedIntoALoopHeadThatOverwritesThemMatchTheInterpreter() {
        // The loop head loads before it sets the flags: the flags of the loop's end stay in locals
        // across the jump; after 300 passes the load faults and must see them.
        faultsLikeTheInterpreter("mov rdx, rsi\nmov ecx, 600\n1: mov r8, [rdx]\npush r8\npop r9\nadd rax, r9\n"
                + "imul rbx, rax\ncmp ecx, 300\njne 2f\nmov rdx, 0x7fff00000000\n2: rol rbx, 1\ndec ecx\n"
                + "jnz 1b\nhlt");
        // A loop head that reads (a rotate keeps SZAP) before it loads: the flags must be stored first.
        faultsLikeTheInterpreter("mov rdx, rsi\nmov ecx, 600\n1: rol rbx, 1\nmov r8, [rdx]\nadd rax, r8\n"
                + "cmp ecx, 300\njne 2f\nmov rdx, 0x7fff00000000\n2: sub r11, rcx\ndec ecx\njnz 1b\nhlt");
        List<String> loops = List.of(
                "mov ecx, 3000\n1: mov r8, [rsi + rcx * 8]\nmov [rsi + rcx * 8 + 8], r8\nsub r8, rax\n"
                        + "sbb rbx, rcx\nrol rax, 7\ndec ecx\njnz 1b\nsetc dl\nhlt",
                "mov ecx, 2000\n1: push rcx\npop rdx\ntest edx, 3\njz 2f\nimul rax, rdx\n2: adc rbx, 0\n"
                        + "loop 1b\nhlt");
        List<byte[]> code = Asm.assembleMany(loops);
        for (int p = 0; p < loops.size(); p++) {
            for (long seed = 0; seed < 4; seed++) {
                JitDifferentialTest.compare(loops.get(p), code.get(p), seed + 40 * p);
            }
        }
    }

    private static void faultsLikeTheInterpreter(String source) {
        byte[] code = Asm.assembleMany(List.of(source)).get(0);
        for (long seed = 0; seed < 4; seed++) {
            TestMachine a = JitDifferentialTest.machine(code, null, seed);
            TestMachine b = JitDifferentialTest.machine(code, new Jit(1), seed);
            int oa = a.cpu.run(1_000_000);
            int ob = b.cpu.run(1_000_000);
            assertEquals(Outcome.name(Outcome.SHUTDOWN), Outcome.name(oa));
            assertEquals(Outcome.name(oa), Outcome.name(ob));
            JitDifferentialTest.same(source, a, b);
        }
    }
}
