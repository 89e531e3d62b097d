package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FpuTest extends AsmTestBase {

    @Test
    void linuxStyleFpuDetection() {
        TestMachine m = run64("""
                fninit
                mov word ptr [0x200000], 0x5a5a
                fnstsw [0x200000]
                fnstcw [0x200002]
                mov ax, 0x1234
                fnstsw ax
                fnclex
                emms
                wait
                """);
        assertEquals(0, m.get32(0x200000) & 0xFFFF);
        assertEquals(0x037F, m.get32(0x200002) & 0xFFFF);
        assertEquals(0, m.reg(RAX) & 0xFFFF);
    }

    @Test
    void integerAndFloatLoadsStoresAndArithmetic() {
        TestMachine m = new TestMachine().long64();
        m.put32(0x200000, 7);
        m.put64(0x200008, Double.doubleToRawLongBits(2.5));
        m.put32(0x200010, Float.floatToRawIntBits(0.5f));
        m.run("""
                fninit
                fild dword ptr [0x200000]
                fld qword ptr [0x200008]
                fmulp st(1), st
                fadd dword ptr [0x200010]
                fld1
                fdivp st(1), st
                fistp dword ptr [0x200020]
                fldpi
                fstp qword ptr [0x200028]
                fild dword ptr [0x200000]
                fldz
                fcomip st, st(1)
                setb r10b
                fstp tbyte ptr [0x200040]
                fld tbyte ptr [0x200040]
                fistp qword ptr [0x200050]
                fnstsw ax
                """);
        assertEquals(18, m.get32(0x200020));
        assertEquals(Math.PI, Double.longBitsToDouble(m.get64(0x200028)));
        assertEquals(1, m.reg(10) & 0xFF);
        assertEquals(7, m.get64(0x200050));
        assertEquals(0, (m.reg(RAX) >>> 11) & 7 & ~0, "stack empty again after pops");
    }

    @Test
    void fxsaveAndFxrstorRoundTrip() {
        TestMachine m = run64("""
                fninit
                fld1
                mov eax, 0x11223344
                movd xmm3, eax
                mov dword ptr [0x200400], 0x1f80 | 0x6000
                ldmxcsr [0x200400]
                fxsave64 [0x200000]
                pxor xmm3, xmm3
                fninit
                mov dword ptr [0x200404], 0
                ldmxcsr [0x200404]
                fxrstor64 [0x200000]
                movd ebx, xmm3
                stmxcsr [0x200408]
                fistp dword ptr [0x20040c]
                """);
        assertEquals(0x1122_3344L, m.reg(RBX));
        assertEquals(0x7F80, m.get32(0x200408));
        assertEquals(1, m.get32(0x20040C));
        assertEquals(0x037F, m.get32(0x200000) & 0xFFFF);
        assertEquals(0x80, m.get32(0x200004) & 0xFF, "abridged tag of the one valid register");
    }

    /**
     * Linux keeps each task's FPU image in the upper half (a negative address as a long): FXSAVE and
     * FXRSTOR there must work, or every process shares one set of XMM registers.
     */
    @Test
    void fxsaveAndFxrstorAtAnUpperHalfAddress() {
        TestMachine m = new TestMachine().long64();
        m.put64(TestMachine.PML4 + 511 * 8, 0x11000 | 7);
        m.run("""
                mov rax, 0x1122334455667788
                movq xmm5, rax
                mov rdi, 0xFFFFFF8000200000
                fxsave64 [rdi]
                mov rcx, [0x200000 + 160 + 5 * 16]
                pxor xmm5, xmm5
                mov rax, 0x0102030405060708
                mov [0x200000 + 160 + 5 * 16], rax
                fxrstor64 [rdi]
                movq rbx, xmm5
                """);
        assertEquals(0x1122_3344_5566_7788L, m.reg(RCX), "FXSAVE wrote the image through the upper-half alias");
        assertEquals(0x0102_0304_0506_0708L, m.reg(RBX), "FXRSTOR loaded XMM5 from the image");
    }

    @Test
    void sseStringScanIdioms() {
        TestMachine m = new TestMachine().long64();
        byte[] text = "hello, world\0xxxyyyy".getBytes();
        m.load(0x200000, text);
        m.run("""
                pxor xmm0, xmm0
                movdqu xmm1, [0x200000]
                pcmpeqb xmm1, xmm0
                pmovmskb eax, xmm1
                bsf ecx, eax
                movdqa xmm2, [0x200000]
                mov edx, 0x6c6c6c6c
                movd xmm3, edx
                pshufd xmm3, xmm3, 0
                pcmpeqb xmm2, xmm3
                pmovmskb esi, xmm2
                movdqu xmm4, [0x200000]
                pminub xmm4, xmm0
                por xmm4, xmm1
                pand xmm4, xmm0
                pandn xmm0, xmm1
                pmovmskb edi, xmm0
                """);
        assertEquals(12, m.reg(RCX));
        assertEquals((1 << 2) | (1 << 3) | (1 << 10), m.reg(RSI));
        assertEquals(1 << 12, m.reg(RDI));
    }

    @Test
    void sseShufflesShiftsAndUnpacks() {
        TestMachine m = run64("""
                mov rax, 0x0706050403020100
                movq xmm0, rax
                mov rax, 0x0f0e0d0c0b0a0908
                movq xmm1, rax
                punpcklqdq xmm0, xmm1
                movdqa xmm2, xmm0
                pslldq xmm2, 3
                movq rbx, xmm2
                movdqa xmm3, xmm0
                psrldq xmm3, 9
                movq rcx, xmm3
                movdqa xmm4, xmm0
                punpcklbw xmm4, xmm4
                movq rdx, xmm4
                pshufd xmm5, xmm0, 0x1b
                movq rsi, xmm5
                movdqa xmm6, xmm0
                psubb xmm6, xmm0
                paddb xmm6, xmm0
                paddb xmm6, xmm0
                movhps [0x200000], xmm6
                mov rdi, [0x200000]
                """);
        assertEquals(0x0403_0201_0000_0000L, m.reg(RBX));
        assertEquals(0x0000_0000_0F0E_0D0C_0B0A09L & 0x00FF_FFFF_FFFF_FFFFL, m.reg(RCX));
        assertEquals(0x0303_0202_0101_0000L, m.reg(RDX));
        assertEquals(0x0B0A_0908_0F0E_0D0CL, m.reg(RSI));
        assertEquals(0x1E1C_1A18_1614_1210L, m.reg(RDI));
    }

    @Test
    void scalarDoubleArithmeticAndConversions() {
        TestMachine m = run64("""
                mov eax, 10
                cvtsi2sd xmm0, eax
                mov rax, 4
                cvtsi2sd xmm1, rax
                divsd xmm0, xmm1
                movsd xmm2, xmm0
                mulsd xmm2, xmm2
                sqrtsd xmm3, xmm2
                cvttsd2si rbx, xmm3
                cvtsd2si ecx, xmm0
                ucomisd xmm0, xmm1
                setb dl
                movq rsi, xmm0
                cvtsd2ss xmm4, xmm0
                movd edi, xmm4
                mov eax, 0x80000000
                movd xmm5, eax
                xorps xmm5, xmm4
                movd r8d, xmm5
                minsd xmm1, xmm0
                movq r9, xmm1
                """);
        assertEquals(2, m.reg(RBX));
        assertEquals(2, m.reg(RCX), "2.5 rounds to even");
        assertEquals(1, m.reg(RDX) & 0xFF);
        assertEquals(Double.doubleToRawLongBits(2.5), m.reg(RSI));
        assertEquals(Float.floatToRawIntBits(2.5f), (int) m.reg(RDI));
        assertEquals(Float.floatToRawIntBits(-2.5f), (int) m.reg(8));
        assertEquals(Double.doubleToRawLongBits(2.5), m.reg(9));
    }

    @Test
    void packedSingleArithmetic() {
        TestMachine m = new TestMachine().long64();
        float[] a = {1, 2, 3, 4};
        float[] b = {10, 20, 30, 40};
        for (int i = 0; i < 4; i++) {
            m.put32(0x200000 + 4 * i, Float.floatToRawIntBits(a[i]));
            m.put32(0x200010 + 4 * i, Float.floatToRawIntBits(b[i]));
        }
        m.run("""
                movaps xmm0, [0x200000]
                movups xmm1, [0x200010]
                addps xmm0, xmm1
                mulps xmm0, xmm0
                movaps [0x200020], xmm0
                shufps xmm1, xmm1, 0x1b
                movaps [0x200030], xmm1
                cvtps2pd xmm2, xmm1
                movapd [0x200040], xmm2
                """);
        for (int i = 0; i < 4; i++) {
            float v = (a[i] + b[i]) * (a[i] + b[i]);
            assertEquals(Float.floatToRawIntBits(v), m.get32(0x200020 + 4 * i));
            assertEquals(Float.floatToRawIntBits(b[3 - i]), m.get32(0x200030 + 4 * i));
        }
        assertEquals(40.0, Double.longBitsToDouble(m.get64(0x200040)));
        assertEquals(30.0, Double.longBitsToDouble(m.get64(0x200048)));
    }

    @Test
    void misalignedPackedOperandAndDisabledSseFault() {
        TestMachine m = run64(ExceptionTest.GATE + """
                gate 13, gp
                gate 6, ud
                xor r8, r8
                movdqa xmm0, [0x200001]
                mov rax, cr4
                and eax, ~0x200
                mov cr4, rax
                pxor xmm0, xmm0
                jmp done
            gp: mov r8, 13
                add qword ptr [rsp + 8], 9
                add rsp, 8
                iretq
            ud: mov r9, 6
                add qword ptr [rsp], 4
                iretq
            done:
            """);
        assertEquals(13, m.reg(8));
        assertEquals(6, m.reg(9));
    }
}
