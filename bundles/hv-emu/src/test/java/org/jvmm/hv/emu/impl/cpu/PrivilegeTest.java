package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrivilegeTest extends AsmTestBase {

    @Test
    void protectedModeIretToRing3AndInterruptGateBackThroughTheTss() {
        TestMachine m = new TestMachine().prot32();
        m.run("""
                .code32
                lea eax, [handler]
                mov edi, 0x2000 + 0x30 * 8
                mov word ptr [edi], ax
                mov word ptr [edi + 2], 0x08
                mov word ptr [edi + 4], 0xEE00
                shr eax, 16
                mov word ptr [edi + 6], ax
                mov ax, 0x48
                ltr ax
                push 0x2B
                push 0x60000
                push 0x202
                push 0x23
                lea eax, [user]
                push eax
                iretd
            user:
                mov ecx, cs
                mov edx, ss
                mov ax, 0x2B
                mov ds, ax
                int 0x30
            handler:
                mov ebx, [esp + 4]
                mov esi, [esp + 12]
                mov edi, [esp + 16]
                mov ebp, esp
            """);
        assertEquals(TestMachine.USER_CS32, m.reg(RCX) & 0xFFFF);
        assertEquals(TestMachine.USER_DS, m.reg(RDX) & 0xFFFF);
        assertEquals(TestMachine.USER_CS32, m.reg(RBX));
        assertEquals(0x60000, m.reg(RSI));
        assertEquals(TestMachine.USER_DS, m.reg(RDI));
        assertEquals(TestMachine.STACK_TOP - 20, m.reg(RBP));
        assertEquals(0, m.s.cpl);
        assertEquals(0x8B, m.get64(TestMachine.GDT + 0x48) >>> 40 & 0xFF, "TSS marked busy");
    }

    @Test
    void sysenterAndSysexitIn32BitMode() {
        TestMachine m = new TestMachine().prot32();
        m.run("""
                .code32
                mov ecx, 0x174
                mov eax, 0x08
                xor edx, edx
                wrmsr
                mov ecx, 0x175
                mov eax, 0x70000
                wrmsr
                mov ecx, 0x176
                lea eax, [kernel]
                wrmsr
                lea edx, [user]
                mov ecx, 0x60000
                sysexit
            user:
                mov ebx, cs
                mov esi, esp
                sysenter
            kernel:
                mov edi, cs
                mov ebp, esp
            """);
        assertEquals(0x08 + 16 | 3, m.reg(RBX) & 0xFFFF);
        assertEquals(0x60000, m.reg(RSI));
        assertEquals(0x08, m.reg(RDI) & 0xFFFF);
        assertEquals(0x70000, m.reg(RBP));
    }

    @Test
    void iretqToCompatibilityModeAndBack() {
        TestMachine m = run64(ExceptionTest.GATE + """
                gate 0x40, back
                mov word ptr [0x2000 + 0x40 * 16 + 4], 0xEE00
                mov rax, rsp
                push 0x2B
                push rax
                push 2
                push 0x23
                lea rax, [rip + compat]
                push rax
                iretq
                .code32
            compat:
                mov ecx, cs
                int 0x40
                .code64
            back:
                mov rdx, [rsp + 8]
            """);
        assertEquals(TestMachine.USER_CS32, m.reg(RCX) & 0xFFFF);
        assertEquals(TestMachine.USER_CS32, m.reg(RDX));
        assertEquals(0, m.s.cpl);
    }
}
