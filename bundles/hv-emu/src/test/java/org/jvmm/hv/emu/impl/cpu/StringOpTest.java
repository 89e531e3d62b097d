package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StringOpTest extends AsmTestBase {

    @Test
    void repStosFillsAcrossPages() {
        TestMachine m = run64("""
                mov rdi, 0x200ff8
                mov rcx, 1030
                mov rax, 0x0101010101010101
                rep stosq
                mov rdi, 0x210003
                mov ecx, 9000
                mov al, 0x5a
                rep stosb
            """);
        assertEquals(0x0101_0101_0101_0101L, m.get64(0x200FF8));
        assertEquals(0x0101_0101_0101_0101L, m.get64(0x200FF8 + 1029 * 8));
        assertEquals(0, m.get64(0x200FF8 + 1030 * 8));
        assertEquals(0, m.reg(RCX));
        assertEquals(0x210003 + 9000, m.reg(RDI));
        assertEquals(0x5A, m.get8(0x210003 + 8999));
        assertEquals(0, m.get8(0x210003 + 9000));
        assertEquals(0, m.get8(0x210002));
    }

    @Test
    void repStosWithPatternAndBackwards() {
        TestMachine m = run64("""
                mov rdi, 0x200000
                mov ecx, 600
                mov eax, 0x12345678
                rep stosd
                std
                mov rdi, 0x201010
                mov ecx, 4
                mov ax, 0xBEEF
                rep stosw
                cld
            """);
        assertEquals(0x1234_5678, m.get32(0x200000 + 599 * 4));
        assertEquals(0xBEEF, m.get32(0x20100A) >>> 16 & 0xFFFF);
        assertEquals(0x201008, m.reg(RDI));
    }

    @Test
    void repMovsCopiesAndHandlesOverlap() {
        TestMachine m = new TestMachine().long64();
        for (int i = 0; i < 5000; i++) {
            m.ram.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0x200000 + i, (byte) i);
        }
        m.run("""
                mov rsi, 0x200000
                mov rdi, 0x300001
                mov ecx, 5000
                rep movsb
                mov rsi, 0x200000
                mov rdi, 0x200001
                mov ecx, 16
                rep movsb
                mov rsi, 0x300001
                mov rdi, 0x400000
                mov ecx, 100
                rep movsq
            """);
        assertEquals((byte) 4999, (byte) m.get8(0x300001 + 4999));
        assertEquals(0, m.get8(0x200010));
        assertEquals(0, m.get8(0x200001));
        assertEquals(m.get64(0x300001 + 792), m.get64(0x400000 + 792));
        assertEquals(0, m.reg(RCX));
    }

    @Test
    void cmpsAndScasStopOnCondition() {
        TestMachine m = run64("""
                mov rdi, 0x200000
                mov rax, 0x0066656463626100
                mov [rdi], rax
                mov al, 0x64
                mov ecx, 8
                repne scasb
                mov rbx, rdi
                mov rdx, rcx
                mov rsi, 0x200000
                mov rdi, 0x200100
                mov rax, 0x0066656463626100
                mov [rdi], rax
                mov byte ptr [rdi + 5], 0x77
                mov ecx, 8
                repe cmpsb
                setb r8b
            """);
        assertEquals(0x200005, m.reg(RBX));
        assertEquals(3, m.reg(RDX));
        assertEquals(0x200006, m.reg(RSI));
        assertEquals(2, m.reg(RCX));
        assertEquals(1, m.reg(8) & 0xFF);
    }

    @Test
    void lodsAndPortStrings() {
        TestMachine m = new TestMachine().long64();
        m.io.portValues.put(0x60L, 0xABL);
        m.run("""
                mov rsi, 0x200000
                mov dword ptr [rsi], 0x44434241
                lodsw
                mov ebx, eax
                mov dx, 0xe9
                mov rsi, 0x200000
                mov ecx, 4
                rep outsb
                mov dx, 0x60
                mov rdi, 0x200010
                mov ecx, 3
                rep insb
            """);
        assertEquals(0x4241, m.reg(RBX) & 0xFFFF);
        assertEquals("ABCD", m.io.console.toString());
        assertEquals(0xABABAB, m.get32(0x200010) & 0xFFFFFF);
    }

    @Test
    void longRepYieldsAndResumes() {
        TestMachine m = run64("""
                mov rdi, 0x200001
                mov ecx, 3000000
                mov al, 1
                std
                cld
                rep stosb
            """);
        assertEquals(0, m.reg(RCX));
        assertEquals(1, m.get8(0x200001 + 2_999_999));
    }
}
