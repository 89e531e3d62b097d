package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SelfModifyingCodeTest extends AsmTestBase {

    @Test
    void patchedImmediateIsSeenOnTheNextExecution() {
        TestMachine m = run64("""
                xor ebx, ebx
                mov ecx, 3
            1:  call f
                add ebx, eax
                inc byte ptr [rip + f + 1]
                dec ecx
                jnz 1b
                jmp done
            f:  mov eax, 10
                ret
            done:
            """);
        assertEquals(10 + 11 + 12, m.reg(RBX));
    }

    @Test
    void storeIntoTheCurrentBlockTakesEffectImmediately() {
        TestMachine m = run64("""
                mov byte ptr [rip + target + 1], 42
            target:
                mov eax, 7
            """);
        assertEquals(42, m.reg(RAX));
    }

    @Test
    void codeWrittenByRepMovsRuns() {
        TestMachine m = run64("""
                lea rsi, [rip + src]
                mov rdi, 0x300000
                mov ecx, end - src
                rep movsb
                mov rax, 0x300000
                call rax
                lea rsi, [rip + src2]
                mov rdi, 0x300000
                mov ecx, end - src
                rep movsb
                call rax
                jmp end
            src:  mov ebx, 1
                  ret
            src2: mov ecx, 2
                  ret
            end:
            """);
        assertEquals(1, m.reg(RBX));
        assertEquals(2, m.reg(RCX));
    }

    @Test
    void deviceWritesToCodePagesAreSeenAfterInvalidateRange() {
        TestMachine m = new TestMachine().long64();
        m.run("mov eax, 1");
        assertEquals(1, m.reg(RAX));
        byte[] code = Asm.assemble("mov eax, 2\nhlt\n", TestMachine.CODE);
        m.load(TestMachine.CODE, code);
        m.s.rip = TestMachine.CODE;
        m.s.halted = false;
        assertEquals(Outcome.HALT, m.cpu.run(100));
        assertEquals(1, m.reg(RAX), "a write behind the CPU's back is not seen without notification");
        m.cpu.mmu.codePages().invalidateRange(TestMachine.CODE - 100, 200);
        m.s.rip = TestMachine.CODE;
        m.s.halted = false;
        assertEquals(Outcome.HALT, m.cpu.run(100));
        assertEquals(2, m.reg(RAX));
    }

    @Test
    void dataWritesNextToCodeDoNotInvalidateIt() {
        TestMachine m = run64("""
                mov ecx, 100000
            1:  inc qword ptr [rip + counter]
                dec ecx
                jnz 1b
                jmp done
                .balign 128
            counter: .quad 0
            done:
            """);
        assertEquals(100000, m.get64(TestMachine.CODE + 128));
        assertEquals(0, m.cpu.mmu.codePages().gen(TestMachine.CODE), "the loop's block was never invalidated");
    }
}
