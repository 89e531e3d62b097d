package org.jvmm.hv.emu.diff;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.MemorySegment;
import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.FlatMemory;
import org.jvmm.hv.emu.impl.cpu.IoBus;
import org.jvmm.hv.emu.impl.cpu.Outcome;
import org.jvmm.hv.emu.impl.cpu.sys.Segments;

/**
 * Runs snippets in hv-emu's {@link Cpu}: flat 64-bit long mode at CPL 0 with 4 KiB pages that map the
 * {@link Layout} region at the same linear addresses as the native mapping, FS and GS bases copied
 * from the host thread, and an IDT whose gates (on IST1, so the frame does not touch the scratch
 * area) lead to one HLT per vector: a run ends at the HLT after the snippet, or at a vector's HLT.
 */
final class EmuRunner {

    private static final long GDT = 0x1000, IDT = 0x2000, STUBS = 0x3000, TSS = 0x3400, TABLES = 0x4000,
            IST_TOP = 0xD000, BACKING = 0x1_0000, RAM = 0x2_0000;
    private static final int CS64 = 0x08, DS = 0x10, TSS_SEL = 0x18;
    private static final long CODE64 = 0x00AF_9A00_0000_FFFFL, DATA = 0x00CF_9200_0000_FFFFL;

    private final Layout layout;
    private final FlatMemory memory = FlatMemory.allocate(RAM);
    private final MemorySegment ram = memory.ram();
    private final Cpu cpu = new Cpu(memory, IoBus.NONE);
    private long nextTable = TABLES + 0x1000;

    EmuRunner(Layout layout) {
        this.layout = layout;
        for (long a = GDT; a < IST_TOP; a += 0x1000) {
            map(a, a);
        }
        for (long off = 0; off < Layout.SIZE; off += 0x1000) {
            map(layout.region() + off, BACKING + off);
        }
        put(GDT + CS64, CODE64);
        put(GDT + DS, DATA);
        put(GDT + TSS_SEL, 0x0000_8900_0000_0067L | (TSS & 0xFF_FFFF) << 16);
        put(TSS + 0x24, IST_TOP);
        for (int v = 0; v < 256; v++) {
            long handler = STUBS + v;
            put(IDT + 16L * v, (handler & 0xFFFF) | (long) CS64 << 16 | 1L << 32 | 0x8EL << 40
                    | (handler & 0xFFFF_0000L) << 32);
            put(IDT + 16L * v + 8, handler >>> 32);
            ram.set(JAVA_BYTE, STUBS + v, (byte) 0xF4);
        }
        CpuState s = cpu.s;
        s.gdtrBase = GDT;
        s.gdtrLimit = 0x27;
        s.idtrBase = IDT;
        s.idtrLimit = 0xFFF;
        s.trSel = TSS_SEL;
        s.trBase = TSS;
        s.trLimit = 0x67;
        s.trAttr = 0x8B;
        s.cr3 = TABLES;
        s.cr4 = CpuState.CR4_PAE | CpuState.CR4_OSFXSR | CpuState.CR4_OSXMMEXCPT;
        s.efer = CpuState.EFER_LME | CpuState.EFER_LMA | CpuState.EFER_NXE | CpuState.EFER_SCE;
        s.cr0 = CpuState.CR0_PE | CpuState.CR0_PG | CpuState.CR0_WP | CpuState.CR0_ET | CpuState.CR0_NE
                | CpuState.CR0_MP;
        Segments.setCached(s, CpuState.CS, CS64, 0, Segments.limit(CODE64), Segments.attr(CODE64));
        for (int seg : new int[] {CpuState.SS, CpuState.DS, CpuState.ES, CpuState.FS, CpuState.GS}) {
            Segments.setCached(s, seg, DS, 0, Segments.limit(DATA), Segments.attr(DATA));
        }
        s.segBase[CpuState.FS] = layout.fsBase();
        s.segBase[CpuState.GS] = layout.gsBase();
        cpu.modeChanged();
        cpu.mmu.flush();
    }

    private void put(long addr, long v) {
        ram.set(JAVA_LONG_UNALIGNED, addr, v);
    }

    private long get(long addr) {
        return ram.get(JAVA_LONG_UNALIGNED, addr);
    }

    /** Maps one 4 KiB page, allocating paging structures as needed. */
    private void map(long lin, long phys) {
        long table = TABLES;
        for (int shift = 39; shift > 12; shift -= 9) {
            long entry = table + ((lin >>> shift) & 511) * 8;
            if ((get(entry) & 1) == 0) {
                put(entry, nextTable | 7);
                nextTable += 0x1000;
            }
            table = get(entry) & ~0xFFFL;
        }
        put(table + ((lin >>> 12) & 511) * 8, phys | 7);
    }

    /**
     * Runs the case's emulator code from its input state; returns null when it ended at the HLT after
     * the snippet, else what went wrong. The output is then in {@link #state()} and {@link #scratch()}.
     */
    String run(Case c) {
        long codeOff = BACKING + (layout.snippet() - layout.region());
        MemorySegment.copy(c.emuCode(), 0, ram, JAVA_BYTE, codeOff, c.emuCode().length);
        ram.set(JAVA_BYTE, codeOff + c.emuCode().length, (byte) 0xF4);
        cpu.mmu.codePages().invalidateRange(codeOff & ~0xFFFL, 0x1000);
        MemorySegment.copy(c.image(), 0, ram, JAVA_BYTE, BACKING + Layout.SCRATCH_OFFSET, Layout.SCRATCH_SIZE);
        CpuState s = cpu.s;
        State in = c.in();
        System.arraycopy(in.gpr, 0, s.r, 0, 16);
        System.arraycopy(in.xmm, 0, s.xmm, 0, 32);
        s.setRflags(in.flags | Flags.IF);
        s.mxcsr = in.mxcsr;
        s.rip = layout.snippet();
        s.halted = false;
        s.pending = 0;
        int outcome = cpu.run(100_000);
        if (outcome != Outcome.HALT) {
            return "emulator: " + Outcome.name(outcome) + " at rip " + Long.toHexString(s.rip)
                    + (cpu.shutdownReason() != null ? " (" + cpu.shutdownReason() + ")" : "");
        }
        long end = layout.snippet() + c.emuCode().length + 1;
        if (s.rip > STUBS && s.rip <= STUBS + 256) {
            int v = (int) (s.rip - STUBS - 1);
            boolean code = v == 8 || v >= 10 && v <= 14 || v == 17;
            long frame = IST_TOP - (code ? 48 : 40);
            return "emulator raised #" + v + (code ? " code " + Long.toHexString(get(frame)) : "")
                    + " at rip " + Long.toHexString(get(frame + (code ? 8 : 0)))
                    + (v == 14 ? " cr2 " + Long.toHexString(s.cr2) : "");
        }
        if (s.rip != end) {
            return "emulator stopped at rip " + Long.toHexString(s.rip) + ", expected " + Long.toHexString(end);
        }
        return null;
    }

    /** The emulator's registers after the last run, in harness form. */
    State state() {
        CpuState s = cpu.s;
        State out = new State();
        System.arraycopy(s.r, 0, out.gpr, 0, 16);
        System.arraycopy(s.xmm, 0, out.xmm, 0, 32);
        out.flags = s.rflags();
        out.mxcsr = s.mxcsr;
        return out;
    }

    MemorySegment scratch() {
        return ram.asSlice(BACKING + Layout.SCRATCH_OFFSET, Layout.SCRATCH_SIZE);
    }
}
