package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PagingTest extends AsmTestBase {

    /** Maps the 2 MiB region at 0x400000 with a 4 KiB page table at 0x13000 (entries given). */
    private static TestMachine withPageTable(long... ptes) {
        TestMachine m = new TestMachine().long64();
        m.put64(0x12000 + 2 * 8, 0x13000 | 7);
        for (int i = 0; i < ptes.length; i++) {
            m.put64(0x13000 + i * 8L, ptes[i]);
        }
        return m;
    }

    @Test
    void fourKilobytePagesTranslateAndSetAccessedAndDirty() {
        TestMachine m = withPageTable(0x500000 | 3, 0x501000 | 3);
        m.put64(0x500010, 0x1234);
        m.run("""
                mov rax, [0x400010]
                mov qword ptr [0x401008], 0x5678
                """);
        assertEquals(0x1234, m.reg(RAX));
        assertEquals(0x5678, m.get64(0x501008));
        assertEquals(0x20, m.get64(0x13000) & 0x60, "accessed, not dirty");
        assertEquals(0x60, m.get64(0x13008) & 0x60, "accessed and dirty");
        assertEquals(0x20, m.get64(0x12000 + 16) & 0x20, "directory entry accessed");
    }

    @Test
    void userAccessToSupervisorPageAndNoExecuteFault() {
        TestMachine m = withPageTable(0x500000 | 3, 0x8000_0000_0050_1000L | 7);
        m.load(0x501000, Asm.assemble("ret", 0x401000));
        m.run(ExceptionTest.GATE + """
                gate 14, pf
                mov ecx, 0xC0000081
                mov edx, 0x00200010
                xor eax, eax
                wrmsr
                mov r8, 0
                mov rax, 0x401000
                call rax
                lea rcx, [rip + user]
                mov r11, 2
                sysretq
            user:
                mov rax, [0x400000]
                hlt
            pf: pop rbx
                mov rdx, cr2
                mov rsi, [rsp + 8]
                inc r8
                cmp r8, 1
                jne 1f
                mov r9, rbx
                mov r10, rdx
                mov rsp, [rsp + 24]
                ret
            1:  mov r11, rbx
                mov r12, rdx
            """);
        assertEquals(0x11, m.reg(9), "instruction fetch from an NX page");
        assertEquals(0x40_1000L, m.reg(10));
        assertEquals(0x05, m.reg(11), "user read of a supervisor page");
        assertEquals(0x40_0000L, m.reg(12));
        assertEquals(TestMachine.USER_CS64, m.reg(RSI));
    }

    @Test
    void invlpgAndCr3ReloadDropStaleTranslations() {
        TestMachine m = withPageTable(0x500000 | 3);
        m.put64(0x500000, 1);
        m.put64(0x501000, 2);
        m.put64(0x502000, 3);
        m.run("""
                mov rax, [0x400000]
                mov qword ptr [0x13000], 0x501003
                mov rbx, [0x400000]
                invlpg [0x400000]
                mov rcx, [0x400000]
                mov qword ptr [0x13000], 0x502003
                mov rdx, cr3
                mov cr3, rdx
                mov rsi, [0x400000]
                """);
        assertEquals(1, m.reg(RAX));
        assertEquals(1, m.reg(RBX), "the TLB still holds the old translation");
        assertEquals(2, m.reg(RCX));
        assertEquals(3, m.reg(RSI));
    }

    @Test
    void aCallChainedIntoAnotherPageFollowsItsNewMappingAfterInvlpg() {
        TestMachine m = withPageTable(0x500000 | 3);
        m.load(0x500000, Asm.assemble("mov eax, 1\nret", 0x400000));
        m.load(0x501000, Asm.assemble("mov eax, 2\nret", 0x400000));
        m.run("""
                mov rbx, 0x400000
                xor r8, r8
                mov ecx, 3
            1:  call rbx
                add r8, rax
                cmp ecx, 2
                jne 2f
                mov qword ptr [0x13000], 0x501003
                invlpg [0x400000]
            2:  dec ecx
                jnz 1b
                """);
        assertEquals(1 + 1 + 2, m.reg(8), "the third call runs the code now mapped at 0x400000");
    }

    @Test
    void writeProtectOffLetsSupervisorWriteReadOnlyPages() {
        TestMachine m = withPageTable(0x500000 | 1);
        m.run("""
                mov rax, cr0
                and eax, ~0x10000
                mov cr0, rax
                mov qword ptr [0x400000], 99
                """);
        assertEquals(99, m.get64(0x500000));
    }

    @Test
    void thirtyTwoBitTwoLevelPagingWithLargePages() {
        TestMachine m = new TestMachine().prot32();
        long pd = 0x20000;
        m.put32(pd, 0x0000_0083);
        m.put32(pd + 4, 0x21000 | 3);
        m.put32(0x21000 + 5 * 4, 0x600000 | 3);
        m.put32(0x600010, 0xCAFE);
        m.run("""
                .code32
                mov eax, cr4
                or eax, 0x10
                mov cr4, eax
                mov eax, 0x20000
                mov cr3, eax
                mov eax, cr0
                or eax, 0x80000000
                mov cr0, eax
                mov ebx, [0x405010]
                mov dword ptr [0x405020], 0x77
                """);
        assertEquals(0xCAFE, m.reg(RBX));
        assertEquals(0x77, m.get32(0x600020));
        assertEquals(0x60, m.get32(0x21000 + 5 * 4) & 0x60);
    }

    @Test
    void paePagingForThirtyTwoBitCode() {
        TestMachine m = new TestMachine().prot32();
        m.put64(0x20000, 0x21000 | 1);
        m.put64(0x21000, 0x83);
        m.put64(0x21000 + 2 * 8, 0x22000 | 3);
        m.put64(0x22000 + 3 * 8, 0x700000 | 3);
        m.put32(0x700004, 0xBEEF);
        m.run("""
                .code32
                mov eax, cr4
                or eax, 0x20
                mov cr4, eax
                mov eax, 0x20000
                mov cr3, eax
                mov eax, cr0
                or eax, 0x80000000
                mov cr0, eax
                mov ecx, [0x403004]
                """);
        assertEquals(0xBEEF, m.reg(RCX));
    }
}
