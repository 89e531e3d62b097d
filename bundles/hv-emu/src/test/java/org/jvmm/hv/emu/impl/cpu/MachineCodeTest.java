package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-assembled programs (no binutils needed). */
class MachineCodeTest {

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @Test
    void longModeLoopAndPortOutput() {
        TestMachine m = new TestMachine().long64();
        m.load(TestMachine.CODE, bytes(
                0x31, 0xC0,                   // xor eax, eax
                0xB9, 0x0A, 0, 0, 0,          // mov ecx, 10
                0x01, 0xC8,                   // add eax, ecx
                0xFF, 0xC9,                   // dec ecx
                0x75, 0xFA,                   // jnz -6
                0xE6, 0xE9,                   // out 0xe9, al
                0xF4));                       // hlt
        m.s.rip = TestMachine.CODE;
        assertEquals(Outcome.HALT, m.cpu.run(1000));
        assertEquals(55, m.s.r[0]);
        assertEquals("7", m.io.console.toString());
        assertEquals(2 + 3 * 10 + 2, m.cpu.retired());
    }

    @Test
    void realModeSegmentedStore() {
        TestMachine m = new TestMachine();
        m.cpu.reset();
        m.s.loadRealSegment(CpuState.CS, 0x0700);
        m.load(0x7C00, bytes(
                0xB8, 0x00, 0x10,             // mov ax, 0x1000
                0x8E, 0xD8,                   // mov ds, ax
                0xC6, 0x06, 0x34, 0x12, 0xAB, // mov byte [0x1234], 0xab
                0xF4));                       // hlt
        m.s.rip = 0xC00;
        assertEquals(Outcome.HALT, m.cpu.run(100));
        assertEquals(0xAB, m.get8(0x11234));
        assertEquals(0xC0B, m.s.rip);
    }

    @Test
    void unknownMsrWithoutIdtIsATripleFault() {
        TestMachine m = new TestMachine().long64();
        m.s.idtrLimit = 0;
        m.load(TestMachine.CODE, bytes(0xB9, 0x78, 0x56, 0x34, 0x12, 0x0F, 0x32, 0xF4)); // mov ecx; rdmsr; hlt
        m.s.rip = TestMachine.CODE;
        assertEquals(Outcome.SHUTDOWN, m.cpu.run(100));
    }
}
