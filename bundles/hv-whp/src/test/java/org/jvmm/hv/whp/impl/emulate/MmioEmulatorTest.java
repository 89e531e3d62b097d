package org.jvmm.hv.whp.impl.emulate;

import static org.jvmm.hv.whp.impl.emulate.FakeMemory.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MmioEmulatorTest {
    private static final long MMIO = 0xFEE0_0000L;
    private final FakeCpu cpu = new FakeCpu();
    private final FakeMemory mem = new FakeMemory();

    private Emulation run(CpuMode mode, int... code) {
        return Emulator.mmio(bytes(code), mode, MMIO, cpu, mem);
    }

    @Test
    void movStoreFromRegister() {
        cpu.gpr[1] = 0xAAAA_BBBB_CCCC_DDDDL;
        assertTrue(run(CpuMode.BITS64, 0x89, 0x08).ok());
        assertEquals(List.of("write fee00000/4=ccccdddd"), mem.accesses);
        assertEquals(0x1002, cpu.rip);
    }

    @Test
    void movLoadZeroExtendsThirtyTwoBitRegisters() {
        cpu.gpr[0] = -1;
        mem.mmioValue = 0x8765_4321L;
        assertTrue(run(CpuMode.BITS64, 0x8B, 0x05, 0x10, 0, 0, 0).ok());
        assertEquals(0x8765_4321L, cpu.gpr[0]);
        assertEquals(0x1006, cpu.rip);
    }

    @Test
    void byteLoadsIntoHighAndRexLowRegisters() {
        cpu.gpr[0] = 0x1111;
        cpu.gpr[6] = 0x2222;
        mem.mmioValue = 0x5A;
        assertTrue(run(CpuMode.BITS64, 0x8A, 0x20).ok(), "mov ah, [rax]");
        assertEquals(0x5A11, cpu.gpr[0]);
        assertTrue(run(CpuMode.BITS64, 0x40, 0x8A, 0x30).ok(), "mov sil, [rax]");
        assertEquals(0x225A, cpu.gpr[6]);
        assertTrue(run(CpuMode.BITS64, 0x66, 0x8B, 0x00).ok(), "mov ax, [rax] keeps the upper bits");
        assertEquals(0x005A, cpu.gpr[0] & 0xFFFF);
    }

    @Test
    void movImmediateSignExtendsToSixtyFourBits() {
        assertTrue(run(CpuMode.BITS64, 0x48, 0xC7, 0x00, 0xFF, 0xFF, 0xFF, 0xFF).ok());
        assertTrue(run(CpuMode.BITS64, 0xC6, 0x00, 0x7F).ok());
        assertEquals(List.of("write fee00000/8=ffffffffffffffff", "write fee00000/1=7f"), mem.accesses);
    }

    @Test
    void moffsFormsUseTheAccumulator() {
        cpu.gpr[0] = 0x1234_5678L;
        assertTrue(run(CpuMode.BITS32, 0xA3, 0, 0, 0xE0, 0xFE).ok());
        assertEquals(List.of("write fee00000/4=12345678"), mem.accesses);
        mem.mmioValue = 0x99;
        assertTrue(run(CpuMode.BITS32, 0xA0, 0, 0, 0xE0, 0xFE).ok());
        assertEquals(0x1234_5699L, cpu.gpr[0]);
        assertEquals(0x1000 + 10, cpu.rip);
    }

    @Test
    void movzxAndMovsx() {
        mem.mmioValue = 0x80;
        assertTrue(run(CpuMode.BITS64, 0x0F, 0xB6, 0x08).ok(), "movzx ecx, byte [rax]");
        assertEquals(0x80, cpu.gpr[1]);
        mem.mmioValue = 0x8000;
        assertTrue(run(CpuMode.BITS64, 0x48, 0x0F, 0xBF, 0x08).ok(), "movsx rcx, word [rax]");
        assertEquals(0xFFFF_FFFF_FFFF_8000L, cpu.gpr[1]);
    }

    @Test
    void sixteenBitStoreWithDisplacement() {
        cpu.gpr[0] = 0xBEEF;
        assertTrue(run(CpuMode.BITS16, 0x89, 0x47, 0x02).ok(), "mov [bx+2], ax");
        assertEquals(List.of("write fee00000/2=beef"), mem.accesses);
        assertEquals(0x1003, cpu.rip);
    }

    @Test
    void readModifyWriteSetsFlags() {
        mem.mmioValue = 0xF0;
        assertTrue(run(CpuMode.BITS64, 0x83, 0x08, 0x0F).ok(), "or dword [rax], 0xf");
        assertEquals(List.of("read fee00000/4", "write fee00000/4=ff"), mem.accesses);
        assertEquals(0, cpu.rflags & Alu.ZF);
        assertTrue((cpu.rflags & Alu.PF) != 0, "0xff has even parity");
    }

    @Test
    void compareAndTestOnlySetFlags() {
        mem.mmioValue = 5;
        assertTrue(run(CpuMode.BITS64, 0x81, 0x38, 5, 0, 0, 0).ok(), "cmp dword [rax], 5");
        assertTrue((cpu.rflags & Alu.ZF) != 0);
        cpu.gpr[1] = 2;
        assertTrue(run(CpuMode.BITS64, 0x85, 0x08).ok(), "test [rax], ecx");
        assertTrue((cpu.rflags & Alu.ZF) != 0);
        assertTrue(run(CpuMode.BITS64, 0xF6, 0x00, 0x04).ok(), "test byte [rax], 4");
        assertEquals(0, cpu.rflags & Alu.ZF);
        assertEquals(List.of("read fee00000/4", "read fee00000/4", "read fee00000/1"), mem.accesses);
    }

    @Test
    void aluRegisterForms() {
        mem.mmioValue = 10;
        cpu.gpr[1] = 3;
        assertTrue(run(CpuMode.BITS64, 0x01, 0x08).ok(), "add [rax], ecx");
        assertTrue(run(CpuMode.BITS64, 0x2B, 0x08).ok(), "sub ecx, [rax]");
        assertEquals(List.of("read fee00000/4", "write fee00000/4=d", "read fee00000/4"), mem.accesses);
        assertEquals(0xFFFF_FFF9L, cpu.gpr[1]);
        assertTrue((cpu.rflags & Alu.CF) != 0, "3 - 10 borrows");
        assertTrue((cpu.rflags & Alu.SF) != 0);
    }

    @Test
    void exchangeSwapsRegisterAndMemory() {
        mem.mmioValue = 7;
        cpu.gpr[1] = 9;
        assertTrue(run(CpuMode.BITS64, 0x87, 0x08).ok());
        assertEquals(List.of("read fee00000/4", "write fee00000/4=9"), mem.accesses);
        assertEquals(7, cpu.gpr[1]);
    }

    @Test
    void unsupportedInstructionsFailWithoutSideEffects() {
        Emulation e = run(CpuMode.BITS64, 0x0F, 0x10, 0x00);
        assertFalse(e.ok());
        assertEquals("opcode 0f 10 is not emulated at rip 0x1000", e.detail());
        assertFalse(run(CpuMode.BITS64, 0xF7, 0x18).ok(), "neg is not emulated");
        assertEquals(List.of(), mem.accesses);
        assertEquals(0x1000, cpu.rip);
    }

    @Test
    void missingBytesAreFetchedAtCsRip() {
        cpu.rip = 0x100;
        cpu.segmentBase[EmulatorCpu.CS] = 0x200;
        mem.ram[0x300] = (byte) 0x89;
        mem.ram[0x301] = 0x08;
        cpu.gpr[1] = 0x42;
        assertTrue(Emulator.mmio(new byte[0], CpuMode.BITS32, MMIO, cpu, mem).ok());
        assertEquals(List.of("write fee00000/4=42"), mem.accesses);
        assertEquals(0x102, cpu.rip);
    }
}
