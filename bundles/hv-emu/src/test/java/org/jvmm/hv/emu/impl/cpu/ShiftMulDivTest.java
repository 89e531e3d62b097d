package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShiftMulDivTest extends AsmTestBase {

    @Test
    void shiftsSetCarryFromLastBitOut() {
        TestMachine m = run64("mov eax, 0x80000001\nshl eax, 1\nsetc bl\nshr eax, 1\nsetc cl");
        assertEquals(1, m.reg(RAX));
        assertEquals(1, m.reg(RBX) & 0xFF);
        assertEquals(0, m.reg(RCX) & 0xFF);
        m = run64("mov rax, -16\nsar rax, 2\nmov rdx, 0x8000000000000000\nshr rdx, 63");
        assertEquals(-4L, m.reg(RAX));
        assertEquals(1, m.reg(RDX));
        m = run64("mov al, 0x40\nshl al, 1");
        assertEquals(OF | SF, arith(m) & (OF | SF | CF | ZF));
    }

    @Test
    void shiftByZeroKeepsFlagsButZeroExtends() {
        TestMachine m = run64("mov rax, -1\nstc\nmov cl, 0\nshl eax, cl");
        assertEquals(0xFFFF_FFFFL, m.reg(RAX));
        assertTrue(m.flag(CF));
    }

    @Test
    void shiftCountIsMasked() {
        TestMachine m = run64("mov eax, 1\nmov cl, 33\nshl eax, cl\nmov rbx, 1\nmov cl, 65\nshl rbx, cl");
        assertEquals(2, m.reg(RAX));
        assertEquals(2, m.reg(RBX));
    }

    @Test
    void rotates() {
        TestMachine m = run64("""
                mov eax, 0x80000001
                rol eax, 4
                mov ebx, 0x12345678
                ror ebx, 8
                mov cx, 0x8001
                rol cx, 1
                setc dl
            """);
        assertEquals(0x18L, m.reg(RAX));
        assertEquals(0x7812_3456L, m.reg(RBX));
        assertEquals(0x0003, m.reg(RCX) & 0xFFFF);
        assertEquals(1, m.reg(RDX) & 0xFF);
        m = run64("stc\nmov al, 0x80\nrcl al, 1\nsetc bl\nstc\nmov cl, 1\nrcr cl, 1\nsetc dl");
        assertEquals(0x01, m.reg(RAX) & 0xFF);
        assertEquals(1, m.reg(RBX) & 0xFF);
        assertEquals(0x80, m.reg(RCX) & 0xFF);
        assertEquals(1, m.reg(RDX) & 0xFF);
        m = run64("clc\nmov rax, 1\nrcr rax, 1\nmov rbx, 0x8000000000000000\nrcl rbx, 2");
        assertEquals(0, m.reg(RAX));
        assertEquals(3, m.reg(RBX));
    }

    @Test
    void doubleShifts() {
        TestMachine m = run64("""
                mov rax, 0x1122334455667788
                mov rdx, 0xAABBCCDDEEFF0011
                shld rax, rdx, 8
                mov ebx, 0x11223344
                mov ecx, 0xAABBCCDD
                shrd ebx, ecx, 12
            """);
        assertEquals(0x2233_4455_6677_88AAL, m.reg(RAX));
        assertEquals(0xCDD1_1223L, m.reg(RBX));
    }

    @Test
    void multiplies() {
        TestMachine m = run64("mov rax, 0xFFFFFFFFFFFFFFFF\nmov rcx, 2\nmul rcx");
        assertEquals(-2L, m.reg(RAX));
        assertEquals(1, m.reg(RDX));
        assertEquals(CF | OF, arith(m) & (CF | OF));
        m = run64("mov rax, -3\nmov rcx, 5\nimul rcx");
        assertEquals(-15L, m.reg(RAX));
        assertEquals(-1L, m.reg(RDX));
        assertEquals(0, arith(m) & (CF | OF));
        m = run64("mov al, 16\nmov bl, 16\nmul bl\nmov ecx, 0x10000\nimul ecx, ecx, 0x10000");
        assertEquals(256, m.reg(RAX) & 0xFFFF);
        assertEquals(0, m.reg(RCX));
        assertEquals(CF | OF, arith(m) & (CF | OF));
        m = run64("mov rbx, 0x100000000\nimul rbx, rbx\nmov edx, 7\nimul edx, edx, -3");
        assertEquals(0, m.reg(RBX));
        assertEquals(0xFFFF_FFEBL, m.reg(RDX));
        m = run64("mov eax, 0x80000000\nmov ecx, 2\nmul ecx");
        assertEquals(0, m.reg(RAX));
        assertEquals(1, m.reg(RDX));
    }

    @Test
    void divides() {
        TestMachine m = run64("mov rdx, 1\nmov rax, 0\nmov rcx, 3\ndiv rcx");
        assertEquals(0x5555_5555_5555_5555L, m.reg(RAX));
        assertEquals(1, m.reg(RDX));
        m = run64("mov rdx, 0x123456789\nmov rax, 0xFEDCBA9876543210\nmov rcx, 0xFFFFFFFFFFFFFFF1\ndiv rcx");
        java.math.BigInteger n = new java.math.BigInteger("123456789FEDCBA9876543210", 16);
        java.math.BigInteger d = new java.math.BigInteger("FFFFFFFFFFFFFFF1", 16);
        assertEquals(n.divide(d).longValue(), m.reg(RAX));
        assertEquals(n.mod(d).longValue(), m.reg(RDX));
        m = run64("mov rax, -7\ncqo\nmov rcx, 2\nidiv rcx");
        assertEquals(-3L, m.reg(RAX));
        assertEquals(-1L, m.reg(RDX));
        m = run64("mov eax, -100\ncdq\nmov ecx, 7\nidiv ecx\nmov bx, 1000\nmov ax, 1000\nxor dx, dx\ndiv bx");
        assertEquals(1, m.reg(RAX) & 0xFFFF);
        m = run64("mov ax, -20\nmov cl, 3\nidiv cl");
        assertEquals(0xFE_FAL, m.reg(RAX) & 0xFFFF);
    }

    @Test
    void idivLargestQuotients() {
        TestMachine m = run64("""
                mov rax, 0x8000000000000000
                mov rdx, -1
                mov rcx, 1
                idiv rcx
            """);
        assertEquals(Long.MIN_VALUE, m.reg(RAX));
        assertEquals(0, m.reg(RDX));
    }
}
