package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SystemInsnTest extends AsmTestBase {

    private static String text(long... regs) {
        StringBuilder b = new StringBuilder();
        for (long r : regs) {
            for (int i = 0; i < 4; i++) {
                b.append((char) ((r >>> (8 * i)) & 0xFF));
            }
        }
        return b.toString();
    }

    @Test
    void cpuidVendorFeaturesAndHypervisorLeaves() {
        TestMachine m = run64("""
                xor eax, eax
                cpuid
                mov r8, rbx
                mov r9, rdx
                mov r10, rcx
                mov eax, 1
                cpuid
                mov r11, rcx
                mov r12, rdx
                mov eax, 0x80000001
                cpuid
                mov r13, rdx
                mov eax, 0x40000000
                cpuid
                mov r14, rbx
                mov r15, rcx
                mov rsi, rdx
                mov eax, 0x40000010
                cpuid
                """);
        assertEquals("AuthenticAMD", text(m.reg(8), m.reg(9), m.reg(10)));
        long ecx1 = m.reg(11);
        long edx1 = m.reg(12);
        assertTrue((ecx1 & (1L << 31)) != 0, "hypervisor bit");
        assertTrue((ecx1 & 1) != 0 && (ecx1 & (1 << 13)) != 0 && (ecx1 & (1 << 23)) != 0, "SSE3 CX16 POPCNT");
        for (int bit : new int[] {0, 4, 5, 6, 8, 9, 11, 13, 15, 16, 19, 24, 25, 26}) {
            assertTrue((edx1 & (1L << bit)) != 0, "leaf 1 edx bit " + bit);
        }
        long ext = m.reg(13);
        assertTrue((ext & (1 << 11)) != 0 && (ext & (1 << 20)) != 0 && (ext & (1 << 29)) != 0, "SYSCALL NX LM");
        assertEquals("jvmmjvmmjvmm", text(m.reg(14), m.reg(15), m.reg(RSI)));
        assertEquals(2_000_000, m.reg(RAX));
    }

    @Test
    void rdtscAdvancesAndTscMsrWritesSetIt() {
        TestMachine m = run64("""
                rdtsc
                shl rdx, 32
                or rax, rdx
                mov r8, rax
                mov ecx, 0x10
                mov edx, 0x100
                xor eax, eax
                wrmsr
                rdtsc
                mov r9, rdx
                mov ecx, 0xC0000103
                mov eax, 7
                xor edx, edx
                wrmsr
                rdtscp
                """);
        assertTrue(m.reg(8) >= 0);
        assertEquals(0x100, m.reg(9));
        assertEquals(7, m.reg(RCX));
    }

    @Test
    void portIoGoesToTheBus() {
        TestMachine m = new TestMachine().long64();
        m.io.portValues.put(0x71L, 0x42L);
        m.io.portValues.put(0xCFCL, 0x8086_1237L);
        m.run("""
                mov al, 0x0f
                out 0x70, al
                in al, 0x71
                mov bl, al
                mov dx, 0xcfc
                in eax, dx
                mov ecx, eax
                mov ax, 0x1234
                out dx, ax
                """);
        assertEquals(0x42, m.reg(RBX) & 0xFF);
        assertEquals(0x8086_1237L, m.reg(RCX));
        assertEquals(java.util.List.of(0x0FL), m.io.portWrites(0x70));
        assertEquals(java.util.List.of(0x1234L), m.io.portWrites(0xCFC));
    }

    @Test
    void mmioOutsideRamGoesToTheBus() {
        TestMachine m = new TestMachine().long64();
        m.io.mmioValues.put(0x3000_0010L, 0xFEEDL);
        m.run("""
                mov rbx, 0x30000000
                mov dword ptr [rbx + 4], 0xabcd
                mov eax, [rbx + 0x10]
                """);
        assertEquals(0xFEED, m.reg(RAX));
        assertEquals(new RecordingIo.Access(true, 0x3000_0004L, 4, 0xABCD), m.io.writes.get(0));
    }

    @Test
    void controlRegisterMovesAndDescriptorTables() {
        TestMachine m = run64("""
                mov rax, cr4
                mov r8, rax
                or rax, 0x80
                mov cr4, rax
                mov r9, cr4
                sgdt [0x200000]
                sidt [0x200010]
                lidt [0x200010]
                str bx
                sldt cx
                smsw edx
                mov rax, 0x12345
                mov dr0, rax
                mov rsi, dr0
                mov rdi, dr7
                """);
        assertEquals(m.reg(8) | 0x80, m.reg(9));
        assertEquals(0x57, m.get32(0x200000) & 0xFFFF);
        assertEquals(TestMachine.GDT, m.get64(0x200002));
        assertEquals(TestMachine.IDT, m.get64(0x200012));
        assertEquals(TestMachine.TSS_SEL, m.reg(RBX) & 0xFFFF);
        assertEquals(0, m.reg(RCX) & 0xFFFF);
        assertEquals(m.s.cr0 & 0xFFFF_FFFFL, m.reg(RDX));
        assertEquals(0x12345, m.reg(RSI));
        assertEquals(0x400, m.reg(RDI));
    }

    @Test
    void amdSyscfgAndIntPendingMsgReadBackWhatWasWritten() {
        // Linux reads SYSCFG (fixed-range MTRR control) and, for the E400 erratum, the interrupt-pending
        // message register on this family of AMD CPUs; neither may #GP.
        TestMachine m = run64("""
                mov ecx, 0xC0010055
                rdmsr
                mov rsi, rax
                mov ecx, 0xC0010010
                rdmsr
                mov rbx, rax
                mov eax, 0x40000
                xor edx, edx
                wrmsr
                xor eax, eax
                rdmsr
                """);
        assertEquals(0, m.reg(RSI));
        assertEquals(0, m.reg(RBX));
        assertEquals(0x40000, m.reg(RAX));
    }

    @Test
    void privilegedInstructionsFaultInUserMode() {
        TestMachine m = run64(ExceptionTest.GATE + """
                gate 13, gp
                mov ecx, 0xC0000081
                mov edx, 0x00200010
                xor eax, eax
                wrmsr
                lea rcx, [rip + user]
                mov r11, 2
                sysretq
            user:
                xor r8, r8
                cli
                mov rax, cr0
                hlt
            gp: add qword ptr [rsp + 8], 0
                inc r8
                cmp r8, 3
                je done
                mov rax, [rsp + 8]
                add rax, 1
                cmp byte ptr [rax - 1], 0x0f
                jne 1f
                add rax, 2
            1:  mov [rsp + 8], rax
                add rsp, 8
                iretq
            done:
            """);
        assertEquals(3, m.reg(8));
    }

    @Test
    void farJumpsAndReturnsReloadCs() {
        TestMachine m = run64("""
                lea rax, [rip + compat]
                mov dword ptr [0x200000], eax
                mov word ptr [0x200004], 0x08
                ljmp [0x200000]
                .code32
            compat:
                mov ebx, 0x1111
                push 0x10
                lea eax, [back]
                push eax
                retf
                .code64
            back:
                mov rcx, cs
                push 0x10
                lea rax, [rip + here]
                push rax
                rex.w retf
            here:
                mov rdx, 0x2222
            """);
        assertEquals(0x1111, m.reg(RBX));
        assertEquals(TestMachine.CS64, m.reg(RCX));
        assertEquals(0x2222, m.reg(RDX));
        assertNotEquals(0, m.s.segAttr[CpuState.CS] & CpuState.A_L);
    }

    @Test
    void segmentLoadsInProtectedMode() {
        TestMachine m = new TestMachine().prot32();
        m.run("""
                .code32
                mov ax, 0x40
                mov ds, ax
                mov ax, 0x18
                mov es, ax
                mov fs, ax
                push fs
                pop gs
                xor eax, eax
                mov ds, ax
                mov ax, 0x18
                mov ds, ax
                """);
        assertEquals(0x18, m.s.segSel[CpuState.GS]);
        assertEquals(0x18, m.s.segSel[CpuState.DS]);
        assertEquals(0xFFFF_FFFF, m.s.segLimit[CpuState.ES]);
        assertTrue((m.get64(TestMachine.GDT + 0x40) & (1L << 40)) != 0, "accessed bit set");
    }
}
