package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StackBranchTest extends AsmTestBase {

    @Test
    void pushPopForms() {
        TestMachine m = run64("""
                mov rax, 0x1122334455667788
                push rax
                push 0x12
                push -1
                pop rbx
                pop rcx
                pop rdx
                mov qword ptr [0x200000], 77
                push qword ptr [0x200000]
                pop qword ptr [0x200008]
                push 5
                pop qword ptr [rsp - 8 + 8 - 8]
                push ax
                pop si
            """);
        assertEquals(-1L, m.reg(RBX));
        assertEquals(0x12, m.reg(RCX));
        assertEquals(0x1122_3344_5566_7788L, m.reg(RDX));
        assertEquals(77, m.get64(TestMachine.DATA + 8));
        assertEquals(0x7788, m.reg(RSI) & 0xFFFF);
        assertEquals(TestMachine.STACK_TOP, m.reg(RSP));
    }

    @Test
    void popWithRspBaseUsesIncrementedRsp() {
        TestMachine m = run64("push 0x33\npush 0x44\npop qword ptr [rsp]\npop rax");
        assertEquals(0x44, m.reg(RAX));
    }

    @Test
    void pushfPopfRoundTrip() {
        TestMachine m = run64("""
                stc
                std
                pushfq
                pop rax
                push 0x8d5
                popfq
                pushfq
                pop rbx
                cld
            """);
        assertEquals(Flags.CF | Flags.DF | 2, m.reg(RAX) & 0xFFF);
        assertEquals(0x8D7, m.reg(RBX) & 0xFFF);
        assertEquals(CF | PF | AF | SF | OF, arith(m) & ~ZF & 0xFFF);
    }

    @Test
    void callsAndReturns() {
        TestMachine m = run64("""
                mov rax, 0
                call f
                lea rbx, [rip + f]
                call rbx
                mov qword ptr [0x200000], rbx
                call qword ptr [0x200000]
                call g
                jmp done
            f:  inc rax
                ret
            g:  push 9
                push 1
                call h
                pop rcx
                ret
            h:  ret 8
            done:
            """);
        assertEquals(3, m.reg(RAX));
        assertEquals(9, m.reg(RCX));
        assertEquals(TestMachine.STACK_TOP, m.reg(RSP));
    }

    @Test
    void indirectJumpsThroughTable() {
        TestMachine m = run64("""
                lea rbx, [rip + table]
                mov ecx, 1
                jmp [rbx + rcx*8]
            a:  mov eax, 1
                jmp out
            b:  mov eax, 2
                jmp out
            table: .quad a, b
            out:
            """);
        assertEquals(2, m.reg(RAX));
    }

    @Test
    void loopsAndJcxz() {
        TestMachine m = run64("""
                xor eax, eax
                mov ecx, 10
            1:  add eax, ecx
                loop 1b
                mov ecx, 5
                mov ebx, 0
            2:  inc ebx
                cmp ebx, 2
                loopne 2b
                mov edx, ecx
                xor ecx, ecx
                jrcxz 3f
                mov esi, 1
            3:
            """);
        assertEquals(55, m.reg(RAX));
        assertEquals(2, m.reg(RBX));
        assertEquals(3, m.reg(RDX));
        assertEquals(0, m.reg(RSI));
    }

    @Test
    void enterLeave() {
        TestMachine m = run64("""
                mov rbp, 0x1234
                enter 32, 0
                mov rax, rbp
                mov rbx, rsp
                leave
            """);
        assertEquals(TestMachine.STACK_TOP - 8, m.reg(RAX));
        assertEquals(TestMachine.STACK_TOP - 40, m.reg(RBX));
        assertEquals(0x1234, m.reg(RBP));
        assertEquals(TestMachine.STACK_TOP, m.reg(RSP));
    }

    @Test
    void signedAndUnsignedBranches() {
        TestMachine m = run64("""
                xor eax, eax
                mov ebx, -5
                cmp ebx, 3
                jl 1f
                or eax, 1
            1:  cmp ebx, 3
                ja 2f
                or eax, 2
            2:  test ebx, ebx
                js 3f
                or eax, 4
            3:  cmp ebx, -5
                jne 4f
                or eax, 8
            4:
            """);
        assertEquals(8, m.reg(RAX));
    }

    @Test
    void multiByteNopsAndEndbr() {
        TestMachine m = run64("""
                endbr64
                nop
                .byte 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00
                .byte 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00
                .byte 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00
                pause
                prefetcht0 [rax]
                prefetchw [rax]
                lfence
                mfence
                sfence
                clflush [0x200000]
                mov eax, 42
            """);
        assertEquals(42, m.reg(RAX));
        assertEquals(14, m.cpu.retired());
    }
}
