package org.jvmm.hv.whp.impl;

import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.Segment;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.TableRegister;

/** The architectural power-on (RESET) register state of an x86 processor. */
final class PowerOnState {
    /** RDX at reset holds the processor signature; a family-6 value as QEMU's default models report. */
    static final long RESET_RDX = 0x600;
    static final long APIC_BASE = 0xFEE0_0000L;
    static final long APIC_BASE_ENABLE = 1L << 11;
    static final long APIC_BASE_BSP = 1L << 8;

    private static final int CODE = 0xB | Segment.S | Segment.P;
    private static final int DATA = 0x3 | Segment.S | Segment.P;
    private static final int BUSY_TSS = 0xB | Segment.P;
    private static final int LDT = 0x2 | Segment.P;

    private PowerOnState() {
    }

    static GeneralRegisters general() {
        long[] g = new long[16];
        g[2] = RESET_RDX;
        return GeneralRegisters.of(g, 0xFFF0, GeneralRegisters.RFLAGS_RESERVED);
    }

    static SegmentRegisters segments() {
        Segment data = new Segment(0, 0, 0xFFFF, DATA);
        return new SegmentRegisters(new Segment(0xF000, 0xFFFF_0000L, 0xFFFF, CODE), data, data, data, data, data,
                new Segment(0, 0, 0xFFFF, BUSY_TSS), new Segment(0, 0, 0xFFFF, LDT),
                new TableRegister(0, 0xFFFF), new TableRegister(0, 0xFFFF));
    }

    static ControlRegisters control() {
        return new ControlRegisters(0x6000_0010L, 0, 0, 0, 0, 0);
    }

    /** The APIC base MSR: enabled at the default address, BSP flag on processor 0. */
    static long apicBase(int index) {
        return APIC_BASE | APIC_BASE_ENABLE | (index == 0 ? APIC_BASE_BSP : 0);
    }
}
