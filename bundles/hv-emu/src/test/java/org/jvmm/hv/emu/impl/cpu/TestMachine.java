package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jvmm.hv.emu.impl.cpu.sys.Segments;

/**
 * A 16 MiB machine for CPU tests with a Linux-like GDT, an identity-mapped first GiB (2 MiB pages),
 * a TSS and an empty IDT, and helpers to start in real, 32-bit protected or 64-bit long mode.
 */
final class TestMachine {

    static final long GDT = 0x1000, IDT = 0x2000, TSS = 0x3000, PML4 = 0x10000, CODE = 0x100000,
            DATA = 0x200000, STACK_TOP = 0x80000;
    static final int CS32 = 0x08, CS64 = 0x10, DS = 0x18, USER_CS32 = 0x23, USER_DS = 0x2B, USER_CS64 = 0x33,
            CS16 = 0x38, DS16 = 0x40, TSS_SEL = 0x48;

    final FlatMemory mem = FlatMemory.allocate(16 << 20);
    final MemorySegment ram = mem.ram();
    final RecordingIo io = new RecordingIo();
    final Cpu cpu = new Cpu(mem, io);
    final CpuState s = cpu.s;

    TestMachine() {
        long[] gdt = {
            0,
            0x00CF_9A00_0000_FFFFL, // 0x08 code32 DPL0
            0x00AF_9A00_0000_FFFFL, // 0x10 code64 DPL0
            0x00CF_9200_0000_FFFFL, // 0x18 data DPL0
            0x00CF_FA00_0000_FFFFL, // 0x20 code32 DPL3
            0x00CF_F200_0000_FFFFL, // 0x28 data DPL3
            0x00AF_FA00_0000_FFFFL, // 0x30 code64 DPL3
            0x0000_9A00_0000_FFFFL, // 0x38 code16 DPL0
            0x0000_9200_0000_FFFFL, // 0x40 data16 DPL0
            0x0000_8900_0000_0067L | (TSS & 0xFFFFFF) << 16, // 0x48 TSS (low)
            0, // 0x50 TSS (high)
        };
        for (int i = 0; i < gdt.length; i++) {
            put64(GDT + i * 8L, gdt[i]);
        }
        put64(PML4, 0x11000 | 7);
        put64(0x11000, 0x12000 | 7);
        for (int i = 0; i < 512; i++) {
            put64(0x12000 + i * 8L, (long) i << 21 | 0x87);
        }
        put64(TSS + 4, STACK_TOP); // RSP0
        put64(TSS + 0x24, 0x70000); // IST1
    }

    void put64(long addr, long v) {
        ram.set(ValueLayout.JAVA_LONG_UNALIGNED, addr, v);
    }

    void put32(long addr, int v) {
        ram.set(ValueLayout.JAVA_INT_UNALIGNED, addr, v);
    }

    long get64(long addr) {
        return ram.get(ValueLayout.JAVA_LONG_UNALIGNED, addr);
    }

    int get32(long addr) {
        return ram.get(ValueLayout.JAVA_INT_UNALIGNED, addr);
    }

    int get8(long addr) {
        return ram.get(ValueLayout.JAVA_BYTE, addr) & 0xFF;
    }

    void load(long addr, byte[] code) {
        MemorySegment.copy(code, 0, ram, ValueLayout.JAVA_BYTE, addr, code.length);
    }

    private void segment(int seg, int sel) {
        long d = get64(GDT + (sel & ~7));
        Segments.setCached(s, seg, sel, Segments.base(d), Segments.limit(d), Segments.attr(d));
    }

    /** Flat 64-bit long mode, CPL 0, paging on, interrupts off. */
    TestMachine long64() {
        s.gdtrBase = GDT;
        s.gdtrLimit = 0x57;
        s.idtrBase = IDT;
        s.idtrLimit = 0xFFF;
        s.cr3 = PML4;
        s.cr4 = CpuState.CR4_PAE | CpuState.CR4_PSE | CpuState.CR4_OSFXSR | CpuState.CR4_OSXMMEXCPT;
        s.efer = CpuState.EFER_LME | CpuState.EFER_LMA | CpuState.EFER_NXE | CpuState.EFER_SCE;
        s.cr0 = CpuState.CR0_PE | CpuState.CR0_PG | CpuState.CR0_WP | CpuState.CR0_ET | CpuState.CR0_NE | CpuState.CR0_MP;
        segment(CpuState.CS, CS64);
        for (int seg : new int[] {CpuState.SS, CpuState.DS, CpuState.ES, CpuState.FS, CpuState.GS}) {
            segment(seg, DS);
        }
        s.trSel = TSS_SEL;
        s.trBase = TSS;
        s.trLimit = 0x67;
        s.trAttr = 0x8B;
        s.r[4] = STACK_TOP;
        cpu.modeChanged();
        cpu.mmu.flush();
        return this;
    }

    /** Flat 32-bit protected mode without paging. */
    TestMachine prot32() {
        s.gdtrBase = GDT;
        s.gdtrLimit = 0x57;
        s.idtrBase = IDT;
        s.idtrLimit = 0x7FF;
        s.cr0 = CpuState.CR0_PE | CpuState.CR0_ET | CpuState.CR0_NE;
        s.cr4 = CpuState.CR4_OSFXSR;
        put32(TSS + 4, (int) STACK_TOP); // ESP0
        put32(TSS + 8, DS); // SS0
        s.trSel = TSS_SEL;
        s.trBase = TSS;
        s.trLimit = 0x67;
        s.trAttr = 0x8B;
        segment(CpuState.CS, CS32);
        for (int seg : new int[] {CpuState.SS, CpuState.DS, CpuState.ES, CpuState.FS, CpuState.GS}) {
            segment(seg, DS);
        }
        s.r[4] = STACK_TOP;
        cpu.modeChanged();
        cpu.mmu.flush();
        return this;
    }

    /** Assembles {@code source} at {@link #CODE} (prefix with .code32/.code16 for other modes) and runs it to HLT. */
    TestMachine run(String source) {
        return runAt(CODE, source);
    }

    TestMachine runAt(long origin, String source) {
        load(origin, Asm.assemble(source + "\nhlt\n", origin));
        s.rip = origin - s.segBase[CpuState.CS];
        s.halted = false;
        int outcome = cpu.run(50_000_000);
        assertEquals(Outcome.name(Outcome.HALT), Outcome.name(outcome),
                "at rip " + Long.toHexString(s.rip) + (cpu.shutdownReason() != null ? ": " + cpu.shutdownReason() : ""));
        return this;
    }

    long reg(int i) {
        return s.r[i];
    }

    boolean flag(int bit) {
        return (s.rflags() & bit) != 0;
    }
}
