package org.jvmm.hv.whp.impl.emulate;

import static org.jvmm.hv.whp.impl.emulate.FakeMemory.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StringOpsTest {
    private static final long MMIO = 0x2_0000;
    private final FakeCpu cpu = new FakeCpu();
    private final FakeMemory mem = new FakeMemory();

    private Emulation mmio(CpuMode mode, int... code) {
        return Emulator.mmio(bytes(code), mode, MMIO, cpu, mem);
    }

    @Test
    void repMovsdCopiesRamToMmio() {
        for (int i = 0; i < 12; i++) {
            mem.ram[0x100 + i] = (byte) (i + 1);
        }
        cpu.gpr[6] = 0x100;
        cpu.gpr[7] = MMIO;
        cpu.gpr[1] = 3;
        assertTrue(mmio(CpuMode.BITS64, 0xF3, 0xA5).ok());
        assertEquals(List.of("write 20000/4=4030201", "write 20004/4=8070605", "write 20008/4=c0b0a09"),
                mem.accesses);
        assertEquals(0, cpu.gpr[1]);
        assertEquals(0x10C, cpu.gpr[6]);
        assertEquals(MMIO + 12, cpu.gpr[7]);
        assertEquals(0x1002, cpu.rip);
    }

    @Test
    void directionFlagStepsDown() {
        cpu.rflags |= Alu.DF;
        cpu.gpr[0] = 0x77;
        cpu.gpr[7] = MMIO + 2;
        cpu.gpr[1] = 2;
        assertTrue(mmio(CpuMode.BITS64, 0xF3, 0xAA).ok());
        assertEquals(List.of("write 20002/1=77", "write 20001/1=77"), mem.accesses);
        assertEquals(MMIO, cpu.gpr[7]);
    }

    @Test
    void repWithZeroCountDoesNothing() {
        cpu.gpr[1] = 0;
        assertTrue(mmio(CpuMode.BITS64, 0xF3, 0xA4).ok());
        assertEquals(List.of(), mem.accesses);
        assertEquals(0x1002, cpu.rip);
    }

    @Test
    void longRepStopsAtTheBatchLimitAndStaysOnTheInstruction() {
        cpu.gpr[7] = MMIO;
        cpu.gpr[1] = 5000;
        assertTrue(mmio(CpuMode.BITS64, 0xF3, 0xAA).ok());
        assertEquals(StringOps.MAX_BYTES, mem.accesses.size());
        assertEquals(5000 - StringOps.MAX_BYTES, cpu.gpr[1]);
        assertEquals(0x1000, cpu.rip, "REP not finished: the guest executes it again");
    }

    @Test
    void lodsLoadsTheAccumulatorThroughSegmentOverride() {
        mem.mmioValue = 0xAB;
        cpu.segmentBase[EmulatorCpu.FS] = MMIO - 0x10;
        cpu.gpr[6] = 0x10;
        assertTrue(mmio(CpuMode.BITS64, 0x64, 0xAC).ok());
        assertEquals(List.of("read 20000/1"), mem.accesses);
        assertEquals(0xAB, cpu.gpr[0] & 0xFF);
        assertEquals(0x11, cpu.gpr[6]);
    }

    @Test
    void sixteenBitAddressesWrapAndUseSegmentBases() {
        cpu.segmentBase[EmulatorCpu.ES] = MMIO;
        cpu.gpr[7] = 0xFFFF;
        cpu.gpr[0] = 0x5;
        assertTrue(mmio(CpuMode.BITS16, 0xAA).ok());
        assertEquals(List.of("write 2ffff/1=5"), mem.accesses);
        assertEquals(0, cpu.gpr[7], "DI wraps at 16 bits");
    }

    @Test
    void anElementAcrossAPageBoundaryIsSplit() {
        mem.ram[0xFFE] = 1;
        mem.ram[0xFFF] = 2;
        mem.ram[0x1000] = 3;
        mem.ram[0x1001] = 4;
        cpu.gpr[6] = 0xFFE;
        cpu.gpr[7] = MMIO;
        assertTrue(mmio(CpuMode.BITS64, 0xA5).ok());
        assertEquals(List.of("write 20000/4=4030201"), mem.accesses);
    }

    @Test
    void aPageFaultOnTheFirstElementFailsWithoutChanges() {
        mem.unmappedPage = 0x3000;
        cpu.gpr[6] = 0x3000;
        cpu.gpr[7] = MMIO;
        cpu.gpr[1] = 4;
        Emulation e = mmio(CpuMode.BITS64, 0xF3, 0xA5);
        assertFalse(e.ok());
        assertEquals("page fault reading linear address 0x3000", e.detail());
        assertEquals(List.of(), mem.accesses);
        assertEquals(4, cpu.gpr[1]);
        assertEquals(0x1000, cpu.rip);
    }

    @Test
    void repOutswReadsMemoryAndWritesThePort() {
        mem.ram[0x200] = 0x34;
        mem.ram[0x201] = 0x12;
        mem.ram[0x202] = 0x78;
        mem.ram[0x203] = 0x56;
        cpu.gpr[6] = 0x200;
        cpu.gpr[1] = 2;
        assertTrue(Emulator.stringIo(bytes(0xF3, 0x66, 0x6F), CpuMode.BITS64, 0x1F0, cpu, mem, mem).ok());
        assertEquals(List.of("out 1f0/2=1234", "out 1f0/2=5678"), mem.accesses);
        assertEquals(0x204, cpu.gpr[6]);
        assertEquals(0x1003, cpu.rip);
    }

    @Test
    void insbWritesMemory() {
        cpu.gpr[7] = 0x300;
        assertTrue(Emulator.stringIo(bytes(0x6C), CpuMode.BITS32, 0x60, cpu, mem, mem).ok());
        assertEquals((byte) 0xCD, mem.ram[0x300]);
        assertEquals(0x301, cpu.gpr[7]);
        assertEquals(List.of("in 60/1"), mem.accesses);
    }

    @Test
    void aStringIoExitAtAnotherInstructionFails() {
        Emulation e = Emulator.stringIo(bytes(0xA4), CpuMode.BITS64, 0x60, cpu, mem, mem);
        assertEquals("string I/O exit at an instruction with opcode a4", e.detail());
    }
}
