package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModeSwitchTest extends AsmTestBase {

    /** Starts a fresh machine in real mode at 0000:8000. */
    static TestMachine realMode() {
        TestMachine m = new TestMachine();
        m.cpu.reset();
        m.s.loadRealSegment(CpuState.CS, 0);
        return m;
    }

    @Test
    void resetStateIsRealModeAtTheResetVector() {
        TestMachine m = new TestMachine();
        m.cpu.reset();
        assertEquals(0xFFFF_0000L, m.s.segBase[CpuState.CS]);
        assertEquals(0xFFF0, m.s.rip);
        assertEquals(2, m.s.codeSize);
        assertEquals(0x600, m.reg(RDX));
    }

    @Test
    void realToProtectedToLongModeWithPaging() {
        TestMachine m = realMode();
        m.runAt(0x8000, """
                .code16
                cli
                xor ax, ax
                mov ds, ax
                mov ss, ax
                mov sp, 0x7000
                mov al, 'R'
                out 0xe9, al
                lgdt [gdtr]
                mov eax, cr0
                or eax, 1
                mov cr0, eax
                ljmp 0x08, offset pm32
                .code32
            pm32:
                mov ax, 0x18
                mov ds, ax
                mov es, ax
                mov ss, ax
                mov esp, 0x7000
                mov al, 'P'
                out 0xe9, al
                mov eax, cr4
                or eax, 0x20
                mov cr4, eax
                mov eax, 0x10000
                mov cr3, eax
                mov ecx, 0xC0000080
                rdmsr
                or eax, 0x100
                wrmsr
                mov eax, cr0
                or eax, 0x80000000
                mov cr0, eax
                ljmp 0x10, offset lm64
                .code64
            lm64:
                mov al, 'L'
                out 0xe9, al
                mov rax, 0x123456789
                push rax
                pop rbx
                jmp done
            gdtr: .word 0x57
                .long 0x1000
            done:
            """);
        assertEquals("RPL", m.io.console.toString());
        assertEquals(0x1_2345_6789L, m.reg(RBX));
        assertTrue(m.s.long64);
        assertTrue(m.s.isLongMode());
        assertEquals(0x10, m.s.segSel[CpuState.CS]);
        assertEquals(0x7000, m.reg(RSP));
    }

    @Test
    void realModeSegmentArithmeticAndSixteenBitAddressing() {
        TestMachine m = realMode();
        m.runAt(0x8000, """
                .code16
                mov ax, 0x2000
                mov ds, ax
                mov bx, 0x10
                mov si, 4
                mov word ptr [bx + si], 0x1234
                mov word ptr [bx + si + 2], 0x5678
                mov eax, [bx + si]
                mov cx, 0x2001
                mov es, cx
                mov dx, es:[0x04]
                mov bp, 0x100
                mov ss, cx
                mov word ptr [bp], 0x4242
                mov di, ss:[0x100]
            """);
        assertEquals(0x5678_1234L, m.reg(RAX) & 0xFFFF_FFFFL);
        assertEquals(0x1234, m.get32(0x20014) & 0xFFFF);
        assertEquals(0x1234, m.reg(RDX) & 0xFFFF);
        assertEquals(0x4242, m.reg(RDI) & 0xFFFF);
        assertEquals(0x4242, m.get32(0x20110) & 0xFFFF);
    }

    @Test
    void realModeInterruptThroughIvtAndIret() {
        TestMachine m = realMode();
        m.put32(0x10 * 4, 0x0000_9000);
        m.load(0x9000, Asm.assemble(".code16\nmov bx, 0x77\nstc\niret\n", 0x9000));
        m.runAt(0x8000, """
                .code16
                xor ax, ax
                mov ss, ax
                mov sp, 0x7000
                clc
                sti
                int 0x10
                mov cx, sp
                pushf
                pop dx
            """);
        assertEquals(0x77, m.reg(RBX) & 0xFFFF);
        assertEquals(0x7000, m.reg(RCX) & 0xFFFF);
        assertEquals(0x200, m.reg(RDX) & 0x201);
    }

    @Test
    void protectedModeInterruptGateAndIretd() {
        TestMachine m = new TestMachine().prot32();
        m.run("""
                .code32
                lea eax, [handler]
                mov edi, 0x2000 + 0x30 * 8
                mov word ptr [edi], ax
                mov word ptr [edi + 2], 0x08
                mov word ptr [edi + 4], 0x8E00
                shr eax, 16
                mov word ptr [edi + 6], ax
                mov ebx, 0
                sti
                int 0x30
                pushf
                pop edx
                jmp done
            handler:
                pushf
                pop esi
                mov ebx, [esp]
                iretd
            done:
            """);
        assertEquals(0, m.reg(RSI) & Flags.IF);
        assertEquals(Flags.IF, m.reg(RDX) & Flags.IF);
        assertTrue(m.reg(RBX) > TestMachine.CODE && m.reg(RBX) < TestMachine.CODE + 0x100);
        assertEquals(TestMachine.STACK_TOP, m.reg(RSP));
    }
}
