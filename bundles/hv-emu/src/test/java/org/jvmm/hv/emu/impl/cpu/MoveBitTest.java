package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MoveBitTest extends AsmTestBase {

    @Test
    void extensions() {
        TestMachine m = run64("""
                mov rax, -1
                mov byte ptr [0x200000], 0x80
                movzx eax, byte ptr [0x200000]
                movsx rbx, byte ptr [0x200000]
                mov ecx, 0x8000
                movsx ecx, cx
                mov edx, 0x80000000
                movsxd rdx, edx
                mov esi, 0xffff
                movzx rsi, si
            """);
        assertEquals(0x80, m.reg(RAX));
        assertEquals(-128L, m.reg(RBX));
        assertEquals(0xFFFF_8000L, m.reg(RCX));
        assertEquals(0xFFFF_FFFF_8000_0000L, m.reg(RDX));
        assertEquals(0xFFFF, m.reg(RSI));
    }

    @Test
    void leaAndRipRelative() {
        TestMachine m = run64("""
                mov rbx, 0x1000
                mov rcx, 3
                lea rax, [rbx + rcx*8 + 0x10]
                lea edx, [rbx - 0x2000]
                lea rsi, [rip + data]
                mov rdi, [rip + data]
                jmp 1f
            data: .quad 0x1122334455667788
            1:
            """);
        assertEquals(0x1028, m.reg(RAX));
        assertEquals(0xFFFF_F000L, m.reg(RDX));
        assertEquals(0x1122_3344_5566_7788L, m.reg(RDI));
        assertEquals(0x1122_3344_5566_7788L, m.get64(m.reg(RSI)));
        assertEquals(TestMachine.CODE + 41, m.reg(RSI));
    }

    @Test
    void moffsAndAbsoluteAddressing() {
        TestMachine m = run64("""
                mov rax, 0x55
                movabs [0x200010], al
                mov rax, 0
                movabs eax, [0x200010]
                mov qword ptr [0x200020], 7
                mov ebx, [0x200020]
            """);
        assertEquals(0x55, m.reg(RAX));
        assertEquals(7, m.reg(RBX));
    }

    @Test
    void exchangesAndCompareExchange() {
        TestMachine m = run64("""
                mov rax, 1
                mov rbx, 2
                xchg rax, rbx
                mov qword ptr [0x200000], 10
                mov rcx, 20
                xchg [0x200000], rcx
                mov rdx, 5
                lock xadd [0x200000], rdx
                mov rax, 25
                mov rsi, 99
                lock cmpxchg [0x200000], rsi
                setz r8b
                mov rax, 0
                cmpxchg [0x200000], rsi
                setz r9b
            """);
        assertEquals(1, m.reg(RBX));
        assertEquals(10, m.reg(RCX));
        assertEquals(20, m.reg(RDX));
        assertEquals(99, m.get64(TestMachine.DATA));
        assertEquals(99, m.reg(RAX));
        assertEquals(1, m.reg(8) & 0xFF);
        assertEquals(0, m.reg(9) & 0xFF);
    }

    @Test
    void compareExchange8bAnd16b() {
        TestMachine m = run64("""
                mov qword ptr [0x200000], 0x1111
                mov qword ptr [0x200008], 0x2222
                mov rax, 0x1111
                mov rdx, 0x2222
                mov rbx, 0xAAAA
                mov rcx, 0xBBBB
                lock cmpxchg16b [0x200000]
                setz r8b
                mov eax, 0
                mov edx, 0
                cmpxchg8b [0x200000]
                setz r9b
            """);
        assertEquals(0xAAAA, m.get64(TestMachine.DATA));
        assertEquals(0xBBBB, m.get64(TestMachine.DATA + 8));
        assertEquals(1, m.reg(8) & 0xFF);
        assertEquals(0, m.reg(9) & 0xFF);
        assertEquals(0xAAAA, m.reg(RAX));
        assertEquals(0, m.reg(RDX));
    }

    @Test
    void conditionalMovesAndSets() {
        TestMachine m = run64("""
                mov rax, -1
                mov ebx, 5
                cmp ebx, 7
                cmovae eax, ebx
                mov rcx, 1
                mov rdx, 2
                cmovb rcx, rdx
                setl sil
                setg dil
                mov r8d, 3
                cmp r8d, 3
                sete r9b
                setne r10b
            """);
        assertEquals(0xFFFF_FFFFL, m.reg(RAX));
        assertEquals(2, m.reg(RCX));
        assertEquals(1, m.reg(RSI) & 0xFF);
        assertEquals(0, m.reg(RDI) & 0xFF);
        assertEquals(1, m.reg(9) & 0xFF);
        assertEquals(0, m.reg(10) & 0xFF);
    }

    @Test
    void allSixteenConditions() {
        StringBuilder src = new StringBuilder("mov eax, 0x7fffffff\ncmp eax, -1\n");
        String[] cc = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};
        for (int i = 0; i < 16; i++) {
            src.append("set").append(cc[i]).append(" byte ptr [0x").append(Long.toHexString(0x200000 + i)).append("]\n");
        }
        TestMachine m = run64(src.toString());
        // 0x7fffffff - (-1) overflows: OF=1, SF=1, CF=1 (0x7fffffff < 0xffffffff), ZF=0, PF of 0x00 = 1
        int[] expected = {1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1};
        for (int i = 0; i < 16; i++) {
            assertEquals(expected[i], m.get8(TestMachine.DATA + i), "set" + cc[i]);
        }
    }

    @Test
    void byteSwapsAndSignExtensions() {
        TestMachine m = run64("""
                mov rax, 0x1122334455667788
                bswap rax
                mov ebx, 0x11223344
                bswap ebx
                mov ecx, 0x80
                cbw
                mov ax, 0x8000
                cwde
                cdqe
                mov rdx, 5
                mov r8, rax
                cqo
            """);
        assertEquals(0xFFFF_FFFF_FFFF_8000L, m.reg(RAX));
        assertEquals(0x4433_2211L, m.reg(RBX));
        assertEquals(-1L, m.reg(RDX));
    }

    @Test
    void lahfSahfAndXlat() {
        TestMachine m = run64("""
                mov ah, 0xD5
                sahf
                mov ah, 0
                lahf
                mov rbx, 0x200000
                mov byte ptr [0x200005], 0x42
                mov al, 5
                xlat
            """);
        assertEquals(0xD7, (m.reg(RAX) >> 8) & 0xFF);
        assertEquals(0x42, m.reg(RAX) & 0xFF);
    }

    @Test
    void bitTests() {
        TestMachine m = run64("""
                mov rax, 0x10
                bt rax, 4
                setc bl
                bts rax, 0
                btr rax, 4
                btc rax, 63
                mov qword ptr [0x200000], 0
                mov rcx, 70
                bts [0x200000], rcx
                mov rdx, -1
                bt [0x200008], rdx
                setc sil
                lock btr qword ptr [0x200008], 6
                setc dil
            """);
        assertEquals(0x8000_0000_0000_0001L, m.reg(RAX));
        assertEquals(1, m.reg(RBX) & 0xFF);
        assertEquals(0, m.get64(TestMachine.DATA + 8));
        assertEquals(0, m.reg(RSI) & 0xFF);
        assertEquals(1, m.reg(RDI) & 0xFF);
    }

    @Test
    void bitScansAndCounts() {
        TestMachine m = run64("""
                mov rax, 0x00F0
                bsf rbx, rax
                bsr rcx, rax
                popcnt rdx, rax
                mov rsi, 77
                xor eax, eax
                bsf rsi, rax
                setz dil
                mov r8, 0x8000
                tzcnt r9, r8
            """);
        assertEquals(4, m.reg(RBX));
        assertEquals(7, m.reg(RCX));
        assertEquals(4, m.reg(RDX));
        assertEquals(77, m.reg(RSI));
        assertEquals(1, m.reg(RDI) & 0xFF);
        assertEquals(15, m.reg(9));
    }

    @Test
    void tzcntOnZeroBehavesAsBsfLikeQemu64() {
        TestMachine m = run64("mov rbx, 33\nxor eax, eax\ntzcnt rbx, rax");
        assertEquals(33, m.reg(RBX));
        assertTrue(m.flag(ZF));
        assertFalse(m.flag(CF) && false);
    }
}
