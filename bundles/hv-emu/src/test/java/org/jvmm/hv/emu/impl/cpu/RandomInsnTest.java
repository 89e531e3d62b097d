package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomInsnTest extends AsmTestBase {

    private static final String PROGRAM = """
            xor eax, eax
            cmp eax, 1
            rdrand rax
            setc bl
            mov rcx, -1
            rdseed ecx
            rdrand dx
            mov rdi, 0x1234567800000000
            rdrand di
            """;

    @Test
    void rdrandAndRdseedReturnValuesWithCarrySetAndAreAnnounced() {
        TestMachine m = new TestMachine().long64();
        m.cpu.seedRandom(7);
        m.run(PROGRAM);
        assertEquals(1, m.reg(RBX) & 0xFF, "CF set");
        assertEquals(0, m.reg(RCX) >>> 32, "32-bit destination zero-extended");
        assertEquals(0x1234567800000000L, m.reg(RDI) & ~0xFFFFL, "16-bit destination merged");
        assertTrue(m.flag(CF) && !m.flag(ZF) && !m.flag(SF) && !m.flag(OF));
        assertTrue((m.cpu.cpuid.query(1, 0)[2] & (1 << 30)) != 0, "CPUID.1:ECX.RDRAND");
        assertTrue((m.cpu.cpuid.query(7, 0)[1] & (1 << 18)) != 0, "CPUID.7:EBX.RDSEED");
    }

    @Test
    void aSeededGeneratorRepeatsItsSequenceAndAnotherSeedDoesNot() {
        TestMachine a = new TestMachine().long64();
        TestMachine b = new TestMachine().long64();
        TestMachine c = new TestMachine().long64();
        a.cpu.seedRandom(7);
        b.cpu.seedRandom(7);
        c.cpu.seedRandom(8);
        a.run(PROGRAM);
        b.run(PROGRAM);
        c.run(PROGRAM);
        assertEquals(a.reg(RAX), b.reg(RAX));
        assertEquals(a.reg(RCX), b.reg(RCX));
        assertNotEquals(a.reg(RAX), c.reg(RAX));
    }
}
