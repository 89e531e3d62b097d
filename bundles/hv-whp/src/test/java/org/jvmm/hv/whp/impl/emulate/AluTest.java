package org.jvmm.hv.whp.impl.emulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AluTest {
    private static long flags(int op, int size, long a, long b, long rflags) {
        long r = Alu.result(op, size, a, b, rflags);
        return Alu.flags(op, size, a, b, r, rflags) & (Alu.CF | Alu.PF | Alu.AF | Alu.ZF | Alu.SF | Alu.OF);
    }

    @Test
    void addCarryAndOverflow() {
        assertEquals(0, Alu.result(Alu.ADD, 1, 0xFF, 1, 0));
        assertEquals(Alu.CF | Alu.ZF | Alu.PF | Alu.AF, flags(Alu.ADD, 1, 0xFF, 1, 0));
        assertEquals(Alu.OF | Alu.SF | Alu.AF, flags(Alu.ADD, 1, 0x7F, 1, 0) & ~Alu.PF);
        assertEquals(Alu.CF | Alu.ZF | Alu.PF, flags(Alu.ADD, 8, -1L, 1, 0) & ~Alu.AF);
    }

    @Test
    void adcAndSbbUseTheCarryIn() {
        assertEquals(3, Alu.result(Alu.ADC, 4, 1, 1, Alu.CF));
        assertEquals(0, Alu.result(Alu.SBB, 4, 1, 0, Alu.CF));
        assertEquals(Alu.CF, flags(Alu.ADC, 8, -1L, 0, Alu.CF) & Alu.CF);
        assertEquals(Alu.CF, flags(Alu.SBB, 2, 0, 0, Alu.CF) & Alu.CF);
    }

    @Test
    void subtractionBorrowAndSignedOverflow() {
        assertEquals(Alu.CF | Alu.SF, flags(Alu.SUB, 4, 1, 2, 0) & (Alu.CF | Alu.SF | Alu.OF));
        assertEquals(Alu.OF, flags(Alu.CMP, 1, 0x80, 1, 0) & (Alu.CF | Alu.OF));
        assertEquals(Alu.ZF | Alu.PF, flags(Alu.CMP, 8, 5, 5, 0));
    }

    @Test
    void logicalOperationsClearCarryAndOverflow() {
        long r = Alu.flags(Alu.AND, 4, 0xF0, 0x0F, 0, Alu.CF | Alu.OF);
        assertEquals(Alu.ZF | Alu.PF, r);
        assertEquals(0x2 | Alu.DF, Alu.flags(Alu.XOR, 1, 1, 2, 3, 0x2 | Alu.DF | Alu.CF) & ~Alu.PF,
                "other flags survive, 3 has even parity");
    }
}
