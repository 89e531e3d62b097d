package org.jvmm.loader.linux.impl.cpu;

import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.Segment;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.TableRegister;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.loader.linux.impl.BootAddresses;

/**
 * The bootstrap processor's state at the kernel's entry. Both modes use the loader's {@link Gdt}
 * at {@link BootAddresses#GDT}, a null IDT, interrupts off (RFLAGS 0x2) and zero in every general
 * register not named.
 */
public sealed interface CpuEntry {
    long entry();

    /**
     * Linux's 64-bit boot protocol: long mode with the identity-mapped {@link PageTables}, CS
     * 0x10, DS/ES/SS 0x18, RSI = boot_params.
     */
    record LongMode(long entry, long rsi, long cr3) implements CpuEntry {
    }

    /**
     * Flat 32-bit protected mode, paging off (PVH and Multiboot): CS 0x08, the data segments
     * 0x18, EAX and EBX as given.
     */
    record Protected32(long entry, long eax, long ebx) implements CpuEntry {
    }

    long CR0_PROTECTED = ControlRegisters.CR0_PE | ControlRegisters.CR0_ET;
    long CR0_LONG = CR0_PROTECTED | ControlRegisters.CR0_NE | ControlRegisters.CR0_PG;

    /** Sets the registers of {@code vp} to this state. */
    default void apply(VirtualProcessor vp) {
        long[] gprs = new long[16];
        Segment cs;
        ControlRegisters cr;
        switch (this) {
            case LongMode m -> {
                gprs[6] = m.rsi();
                cs = Segment.code64(Gdt.CODE64);
                cr = new ControlRegisters(CR0_LONG, 0, m.cr3(), ControlRegisters.CR4_PAE, 0,
                        ControlRegisters.EFER_LME | ControlRegisters.EFER_LMA);
            }
            case Protected32 p -> {
                gprs[0] = p.eax();
                gprs[3] = p.ebx();
                cs = Segment.code32(Gdt.CODE32);
                cr = new ControlRegisters(CR0_PROTECTED, 0, 0, 0, 0, 0);
            }
        }
        Segment data = Segment.data(Gdt.DATA);
        Segment tr = new Segment(0, 0, 0x67, 0xB | Segment.P);
        Segment ldtr = new Segment(0, 0, 0xFFFF, 0x2 | Segment.P);
        vp.setControlRegisters(cr);
        vp.setSegmentRegisters(new SegmentRegisters(cs, data, data, data, data, data, tr, ldtr,
                new TableRegister(BootAddresses.GDT, Gdt.LIMIT), new TableRegister(0, 0)));
        vp.setGeneralRegisters(GeneralRegisters.of(gprs, entry(), GeneralRegisters.RFLAGS_RESERVED));
    }
}
