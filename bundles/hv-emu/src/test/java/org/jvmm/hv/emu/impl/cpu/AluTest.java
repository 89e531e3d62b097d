package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AluTest extends AsmTestBase {

    @Test
    void addSetsCarryOverflowAndAuxiliary() {
        TestMachine m = run64("mov al, 0x7f\nadd al, 1");
        assertEquals(0x80, m.reg(RAX) & 0xFF);
        assertEquals(OF | SF | AF, arith(m));
        m = run64("mov eax, 0xffffffff\nadd eax, 1");
        assertEquals(0, m.reg(RAX));
        assertEquals(CF | ZF | PF | AF, arith(m));
        m = run64("mov rax, -1\nmov rbx, -1\nadd rax, rbx");
        assertEquals(-2L, m.reg(RAX));
        assertEquals(CF | SF | AF, arith(m));
    }

    @Test
    void subAndCompareFlags() {
        TestMachine m = run64("mov ecx, 3\nsub ecx, 5");
        assertEquals(0xFFFF_FFFEL, m.reg(RCX));
        assertEquals(CF | SF | AF, arith(m));
        m = run64("mov rax, 0x8000000000000000\ncmp rax, 1");
        assertEquals(OF | PF | AF, arith(m));
        m = run64("mov bx, 5\ncmp bx, 5");
        assertEquals(ZF | PF, arith(m));
    }

    @Test
    void adcAndSbbChainCarries() {
        TestMachine m = run64("""
                mov rax, -1
                mov rdx, 0
                add rax, 1
                adc rdx, 0
                mov rbx, 0
                mov rcx, 1
                sub rbx, 1
                sbb rcx, 0
            """);
        assertEquals(0, m.reg(RAX));
        assertEquals(1, m.reg(RDX));
        assertEquals(-1L, m.reg(RBX));
        assertEquals(0, m.reg(RCX));
        assertEquals(ZF | PF, arith(m));
        m = run64("stc\nmov al, 0xff\nadc al, 0xff");
        assertEquals(0xFF, m.reg(RAX) & 0xFF);
        assertEquals(CF | SF | PF | AF, arith(m));
        m = run64("stc\nmov al, 0\nsbb al, 0xff");
        assertEquals(0, m.reg(RAX) & 0xFF);
        assertEquals(CF | ZF | PF | AF, arith(m));
    }

    @Test
    void logicClearsCarryAndOverflow() {
        TestMachine m = run64("stc\nmov eax, 0xf0f0\nand eax, 0x0ff0\nmov ebx, 1\nor ebx, 0x80000000\nxor ecx, ecx");
        assertEquals(0xF0, m.reg(RAX));
        assertEquals(0x8000_0001L, m.reg(RBX));
        assertEquals(0, m.reg(RCX));
        assertEquals(ZF | PF, arith(m));
        m = run64("mov al, 0x81\ntest al, 0x80");
        assertEquals(SF, arith(m));
    }

    @Test
    void thirtyTwoBitResultsZeroExtendAndNarrowOnesMerge() {
        TestMachine m = run64("""
                mov rax, -1
                add eax, 1
                mov rbx, -1
                add bx, 1
                mov rcx, -1
                mov cl, 0
                mov rdx, 0x1122334455667788
                mov dh, 0xAB
            """);
        assertEquals(0, m.reg(RAX));
        assertEquals(0xFFFF_FFFF_FFFF_0000L, m.reg(RBX));
        assertEquals(0xFFFF_FFFF_FFFF_FF00L, m.reg(RCX));
        assertEquals(0x1122_3344_5566_AB88L, m.reg(RDX));
    }

    @Test
    void rexByteRegistersAreLowBytes() {
        TestMachine m = run64("mov rsi, 0x1234\nmov sil, 0xff\nmov r9, 0\nmov r9b, 0x7f\nadd r9b, sil");
        assertEquals(0x12FF, m.reg(RSI));
        assertEquals(0x7E, m.reg(9));
        assertEquals(CF | AF | PF, arith(m));
    }

    @Test
    void incDecKeepCarry() {
        TestMachine m = run64("stc\nmov al, 0x7f\ninc al");
        assertEquals(CF | OF | SF | AF, arith(m));
        m = run64("clc\nmov ecx, 0\ndec ecx");
        assertEquals(0xFFFF_FFFFL, m.reg(RCX));
        assertEquals(SF | PF | AF, arith(m));
        m = run64("stc\nmov qword ptr [0x200000], -1\ninc qword ptr [0x200000]");
        assertEquals(0, m.get64(TestMachine.DATA));
        assertEquals(CF | ZF | PF | AF, arith(m));
    }

    @Test
    void negAndNot() {
        TestMachine m = run64("mov eax, 5\nneg eax\nmov ebx, 0\nneg ebx");
        assertEquals(0, m.reg(RBX));
        assertEquals(ZF | PF, arith(m));
        assertEquals(0xFFFF_FFFBL, m.reg(RAX));
        m = run64("mov al, 0x80\nneg al\nmov ecx, 0xf0\nnot cl");
        assertEquals(0x80, m.reg(RAX) & 0xFF);
        assertEquals(0x0F, m.reg(RCX));
        assertEquals(CF | OF | SF, arith(m));
    }

    @Test
    void memoryOperandsReadModifyWrite() {
        TestMachine m = run64("""
                mov rbx, 0x200000
                mov dword ptr [rbx + 8], 10
                add dword ptr [rbx + 8], 5
                mov ecx, 3
                sub [rbx + rcx*4 - 4], ecx
                mov eax, [rbx + 8]
                lock add qword ptr [rbx + 16], 7
                lock or byte ptr [rbx + 17], 0x80
                cmp dword ptr [rbx + 8], 12
            """);
        assertEquals(12, m.reg(RAX));
        assertEquals(0x8007, m.get64(TestMachine.DATA + 16));
        assertEquals(ZF | PF, arith(m));
    }

    @Test
    void highByteRegistersAndSixteenBitOperands() {
        TestMachine m = run64("mov eax, 0x1234\nadd ah, al\nmov cx, 0xffff\nadd cx, 2\nsetc dl");
        assertEquals(0x4634, m.reg(RAX));
        assertEquals(1, m.reg(RCX));
        assertEquals(1, m.reg(RDX) & 0xFF);
    }
}
