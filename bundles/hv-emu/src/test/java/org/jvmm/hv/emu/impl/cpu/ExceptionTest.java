package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExceptionTest extends AsmTestBase {

    /** GNU as macro writing a 64-bit interrupt gate (type 0x8E + dpl, IST) for a label. */
    static final String GATE = """
            .macro gate vec, handler, type=0x8E00
                lea rax, [rip + \\handler]
                mov rdi, 0x2000 + \\vec * 16
                mov word ptr [rdi], ax
                mov word ptr [rdi + 2], 0x10
                mov word ptr [rdi + 4], \\type
                shr rax, 16
                mov word ptr [rdi + 6], ax
                shr rax, 16
                mov dword ptr [rdi + 8], eax
                mov dword ptr [rdi + 12], 0
            .endm
            """;

    static TestMachine run(String source) {
        return run64(GATE + source);
    }

    @Test
    void pageFaultReportsCr2AndErrorCodeThroughTheIdt() {
        TestMachine m = run("""
                gate 14, pf
                mov r8, 0x40000123
                mov rax, [r8]
                jmp done
            pf: mov rbx, cr2
                pop rcx
                mov rdx, [rsp]
                mov rsi, [rsp + 8]
                mov rdi, rsp
            done:
            """);
        assertEquals(0x4000_0123L, m.reg(RBX));
        assertEquals(0, m.reg(RCX));
        assertEquals(TestMachine.CODE + m.reg(RDX) - TestMachine.CODE, m.reg(RDX));
        assertEquals(TestMachine.CS64, m.reg(RSI));
        assertEquals(TestMachine.STACK_TOP - 40, m.reg(RDI));
        assertEquals(0x4000_0123L, m.s.cr2);
    }

    @Test
    void supervisorWriteToReadOnlyPageFaultsWithWriteProtect() {
        TestMachine m = new TestMachine().long64();
        m.put64(0x12000 + 3 * 8, 3L << 21 | 0x85);
        m.run(GATE + """
                gate 14, pf
                mov r9, 0
                mov rax, [0x600000]
                mov byte ptr [0x600010], 1
                mov r10, 0x11
                jmp done
            pf: pop rcx
                mov rbx, cr2
                add qword ptr [rsp], 8
                inc r9
                iretq
            done:
            """);
        assertEquals(1, m.reg(9));
        assertEquals(0x60_0010L, m.reg(RBX));
        assertEquals(3, m.reg(RCX));
        assertEquals(0x11, m.reg(10));
    }

    @Test
    void unknownMsrRaisesGeneralProtection() {
        TestMachine m = run("""
                gate 13, gp
                mov ecx, 0x12345678
                rdmsr
                mov ecx, 0xC0000100
                mov eax, 0x1000
                xor edx, edx
                wrmsr
                rdmsr
                jmp done
            gp: pop rbx
                mov rdx, [rsp]
                mov r8, 0xdead
                add qword ptr [rsp], 2
                iretq
            done:
            """);
        assertEquals(0xDEAD, m.reg(8));
        assertEquals(0, m.reg(RBX));
        assertEquals(0x1000, m.reg(RAX));
        assertEquals(0x1000, m.s.segBase[CpuState.FS]);
    }

    @Test
    void divideErrorAndInvalidOpcode() {
        TestMachine m = run("""
                gate 0, de
                gate 6, ud
                xor ecx, ecx
                mov eax, 1
                div ecx
                ud2
                jmp done
            de: mov r8, 1
                add qword ptr [rsp], 2
                iretq
            ud: mov r9, 2
                add qword ptr [rsp], 2
                iretq
            done:
            """);
        assertEquals(1, m.reg(8));
        assertEquals(2, m.reg(9));
    }

    @Test
    void unknownBytesInTheKernelStopTheCpuWithAnEmulationFailureAtThem() {
        TestMachine m = new TestMachine().long64();
        byte[] code = Asm.assemble("mov eax, 1\n.byte 0x0f, 0x0e\nhlt", TestMachine.CODE);
        m.load(TestMachine.CODE, code);
        m.s.rip = TestMachine.CODE;
        assertEquals(Outcome.name(Outcome.SHUTDOWN), Outcome.name(m.cpu.run(1000)));
        assertTrue(m.cpu.emulationFailure(), m.cpu.shutdownReason());
        assertEquals(TestMachine.CODE + 5, m.s.rip, "RIP at the unknown instruction");
        assertEquals(1, m.reg(RAX));
        assertTrue(m.cpu.shutdownReason().contains("not implemented"), m.cpu.shutdownReason());
    }

    @Test
    void missingGatesEndInTripleFaultShutdown() {
        TestMachine m = new TestMachine().long64();
        m.s.idtrLimit = 0;
        m.load(TestMachine.CODE, Asm.assemble("ud2", TestMachine.CODE));
        m.s.rip = TestMachine.CODE;
        assertEquals(Outcome.SHUTDOWN, m.cpu.run(1000));
        assertEquals("triple fault", m.cpu.shutdownReason());
    }

    @Test
    void faultDuringPageFaultDeliveryIsADoubleFaultOnTheIstStack() {
        TestMachine m = run("""
                gate 8, df
                mov word ptr [0x2000 + 8 * 16 + 4], 0x8E01
                mov r8, 0x40000000
                mov byte ptr [r8], 1
                jmp done
            df: pop rbx
                mov rcx, rsp
                mov rdx, cr2
            done:
            """);
        assertEquals(0, m.reg(RBX));
        assertEquals(0x70000 - 40, m.reg(RCX));
        assertEquals(0x4000_0000L, m.reg(RDX));
    }

    @Test
    void softwareInterruptFromUserModeSwitchesToTheTssStack() {
        TestMachine m = run("""
                gate 0x80, sys, 0xEE00
                mov ecx, 0xC0000081
                mov edx, 0x00200010
                xor eax, eax
                wrmsr
                lea rcx, [rip + user]
                mov r11, 0x2
                mov rsp, 0x60000
                sysretq
            user:
                mov r12, cs
                int 0x80
            sys:
                mov r13, [rsp + 8]
                mov r14, [rsp + 24]
                mov r15, [rsp + 32]
                mov rbx, rsp
            """);
        assertEquals(TestMachine.USER_CS64, m.reg(12));
        assertEquals(TestMachine.USER_CS64, m.reg(13));
        assertEquals(0x60000, m.reg(14));
        assertEquals(TestMachine.USER_DS, m.reg(15));
        assertEquals(TestMachine.STACK_TOP - 40, m.reg(RBX));
        assertEquals(0, m.s.cpl);
    }

    @Test
    void syscallAndSysretRoundTrip() {
        TestMachine m = run("""
                mov ecx, 0xC0000081
                mov edx, 0x00200010
                xor eax, eax
                wrmsr
                mov ecx, 0xC0000082
                lea rax, [rip + entry]
                mov rdx, rax
                shr rdx, 32
                wrmsr
                mov ecx, 0xC0000084
                mov eax, 0x200
                xor edx, edx
                wrmsr
                lea rcx, [rip + user]
                mov r11, 0x202
                sysretq
            user:
                mov r12, cs
                mov r8, ss
                pushfq
                pop r9
                syscall
                jmp done
            entry:
                mov r13, cs
                mov r14, rcx
                mov r15, r11
                pushfq
                pop r10
            done:
            """);
        assertEquals(TestMachine.USER_CS64, m.reg(12));
        assertEquals(TestMachine.USER_DS, m.reg(8));
        assertEquals(0x202, m.reg(9) & 0x202);
        assertEquals(TestMachine.CS64, m.reg(13));
        assertEquals(0x202, m.reg(15) & 0x202);
        assertEquals(0, m.reg(10) & Flags.IF);
        assertTrue(m.reg(14) > TestMachine.CODE);
    }

    @Test
    void swapgsExchangesGsBases() {
        TestMachine m = run("""
                mov ecx, 0xC0000101
                mov eax, 0x1111
                xor edx, edx
                wrmsr
                mov ecx, 0xC0000102
                mov eax, 0x2222
                wrmsr
                swapgs
                mov ecx, 0xC0000101
                rdmsr
                mov rbx, rax
                mov qword ptr [0x2222 + 8], 0x99
                mov rsi, gs:[8]
            """);
        assertEquals(0x2222, m.reg(RBX));
        assertEquals(0x99, m.reg(RSI));
        assertEquals(0x1111, m.s.kernelGsBase);
    }

    @Test
    void trapFlagSingleStepsThroughDebugExceptions() {
        TestMachine m = run("""
                gate 1, db
                xor ecx, ecx
                pushfq
                or qword ptr [rsp], 0x100
                popfq
                nop
                nop
                pushfq
                and qword ptr [rsp], ~0x100
                popfq
                jmp done
            db: inc ecx
                iretq
            done:
            """);
        assertEquals(5, m.reg(RCX), "traps after nop, nop, pushfq, and, and the popfq that clears TF");
        assertEquals(0x4000, m.s.dr[6] & 0x4000);
    }
}
