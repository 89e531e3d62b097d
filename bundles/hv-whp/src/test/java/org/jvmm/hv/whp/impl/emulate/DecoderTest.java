package org.jvmm.hv.whp.impl.emulate;

import static org.jvmm.hv.whp.impl.emulate.FakeMemory.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecoderTest {
    private static Instruction decode(CpuMode mode, int... b) throws Decoder.DecodeException {
        return Decoder.decode(bytes(b), mode);
    }

    @Test
    void modrmLengthsIn64BitMode() throws Exception {
        assertEquals(2, decode(CpuMode.BITS64, 0x89, 0x08).length());
        assertEquals(3, decode(CpuMode.BITS64, 0x89, 0x04, 0x24).length());
        assertEquals(4, decode(CpuMode.BITS64, 0x89, 0x44, 0x24, 0x08).length());
        assertEquals(7, decode(CpuMode.BITS64, 0x89, 0x04, 0x25, 0x00, 0x00, 0xE0, 0xFE).length());
        assertEquals(6, decode(CpuMode.BITS64, 0x8B, 0x05, 1, 2, 3, 4).length());
        assertEquals(6, decode(CpuMode.BITS64, 0x89, 0x88, 1, 2, 3, 4).length());
    }

    @Test
    void prefixesSetSizesAndSegment() throws Exception {
        Instruction i = decode(CpuMode.BITS64, 0x65, 0x48, 0x89, 0x08);
        assertEquals(8, i.operandSize());
        assertEquals(EmulatorCpu.GS, i.segment());
        assertTrue(i.rex());
        assertEquals(4, i.length());
        assertEquals(2, decode(CpuMode.BITS64, 0x66, 0x89, 0x08).operandSize());
        assertEquals(4, decode(CpuMode.BITS64, 0x67, 0x89, 0x08).addressSize());
        assertEquals(9, decode(CpuMode.BITS64, 0x44, 0x89, 0x08).reg(), "REX.R extends reg");
    }

    @Test
    void sixteenBitAddressing() throws Exception {
        Instruction i = decode(CpuMode.BITS16, 0x89, 0x47, 0x02);
        assertEquals(3, i.length());
        assertEquals(2, i.operandSize());
        assertEquals(4, decode(CpuMode.BITS16, 0x89, 0x06, 0x34, 0x12).length(), "mod 0 rm 6 is disp16");
        assertEquals(4, decode(CpuMode.BITS16, 0x66, 0x89, 0x47, 0x02).operandSize());
    }

    @Test
    void immediatesAndMoffs() throws Exception {
        assertEquals(0x12345678, decode(CpuMode.BITS64, 0xC7, 0x00, 0x78, 0x56, 0x34, 0x12).immediate());
        assertEquals(-1, decode(CpuMode.BITS64, 0x48, 0xC7, 0x00, 0xFF, 0xFF, 0xFF, 0xFF).immediate());
        assertEquals(-2, decode(CpuMode.BITS64, 0x83, 0x08, 0xFE).immediate());
        Instruction moffs = decode(CpuMode.BITS64, 0xA1, 0, 0, 0xE0, 0xFE, 0, 0, 0, 0);
        assertEquals(9, moffs.length());
        assertEquals(0xFEE00000L, moffs.immediate());
        assertEquals(5, decode(CpuMode.BITS32, 0xA3, 0, 0, 0xE0, 0xFE).length());
        assertEquals(3, decode(CpuMode.BITS16, 0xA2, 0x00, 0x80).length());
        assertEquals(0x8000, decode(CpuMode.BITS16, 0xA2, 0x00, 0x80).immediate());
    }

    @Test
    void stringInstructionsHaveNoOperandBytes() throws Exception {
        Instruction i = decode(CpuMode.BITS64, 0xF3, 0xA5);
        assertEquals(2, i.length());
        assertTrue(i.rep());
        assertEquals(1, decode(CpuMode.BITS64, 0xAC).operandSize());
        assertFalse(decode(CpuMode.BITS64, 0x6F).rep());
    }

    @Test
    void unsupportedAndTruncated() {
        var unsupported = assertThrows(Decoder.DecodeException.class, () -> decode(CpuMode.BITS64, 0x0F, 0x10, 0x00));
        assertEquals("opcode 0f 10 is not emulated", unsupported.getMessage());
        assertFalse(unsupported.truncated());
        assertTrue(assertThrows(Decoder.DecodeException.class, () -> decode(CpuMode.BITS64, 0x8B, 0x05, 1)).truncated());
        assertFalse(assertThrows(Decoder.DecodeException.class, () -> decode(CpuMode.BITS64, 0x89, 0xC0)).truncated(),
                "a register-only form has no memory operand");
        assertThrows(Decoder.DecodeException.class, () -> decode(CpuMode.BITS32, 0x48, 0x89, 0x08),
                "0x48 is DEC outside 64-bit mode");
    }
}
