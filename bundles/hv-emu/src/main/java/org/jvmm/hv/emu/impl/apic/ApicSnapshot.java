package org.jvmm.hv.emu.impl.apic;

import static org.jvmm.hv.emu.impl.apic.ApicRegs.BASE_BSP;
import static org.jvmm.hv.emu.impl.apic.ApicRegs.BASE_ENABLE;
import static org.jvmm.hv.emu.impl.apic.ApicRegs.BASE_EXTD;
import static org.jvmm.hv.emu.impl.apic.ApicRegs.LVT_COUNT;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A {@link LocalApic}'s state as bytes, for the VP's snapshot: the APIC ID (checked on restore),
 * IA32_APIC_BASE (enable, x2APIC mode, MMIO base), TPR, LDR, DFR, SVR, ESR (shown and pending), ICR,
 * the six LVT entries, IRR, ISR and TMR, the timer ({@link ApicTimer#write}), and the inputs and events
 * not yet taken: pending NMI, LINT0/LINT1 levels, an ExtINT request or acknowledged PIC vector, a
 * pending INIT or SIPI and the wait-for-SIPI state. PPR is derived (TPR, ISR). Called with the APIC's lock held.
 */
final class ApicSnapshot {
    private ApicSnapshot() {
    }

    static void write(LocalApic a, DataOutput out) throws IOException {
        out.writeInt(a.id());
        out.writeLong(a.apicBase);
        for (int v : new int[] {a.tpr, a.ldr, a.dfr, a.svr, a.esr, a.esrPending, a.icrLow, a.icrHigh}) {
            out.writeInt(v);
        }
        for (int v : a.lvt) {
            out.writeInt(v);
        }
        for (VectorBits bits : new VectorBits[] {a.irr, a.isr, a.tmr}) {
            for (int i = 0; i < 4; i++) {
                out.writeLong(bits.word(i));
            }
        }
        a.timer.write(out);
        for (boolean b : new boolean[] {a.nmi, a.lint0, a.lint1, a.extIntEdge, a.initPending, a.waitForSipi}) {
            out.writeBoolean(b);
        }
        out.writeInt(a.extIntVector);
        out.writeInt(a.sipiVector);
    }

    static void read(LocalApic a, DataInput in) throws IOException {
        int id = in.readInt();
        if (id != a.id()) {
            throw new IOException("the local APIC state is APIC ID " + id + "'s, this processor's APIC ID is " + a.id());
        }
        a.apicBase = checkedBase(a, in.readLong());
        a.tpr = in.readInt() & 0xFF;
        a.ldr = in.readInt();
        a.dfr = in.readInt();
        a.svr = in.readInt() & ApicRegs.SVR_WRITABLE;
        a.esr = in.readInt();
        a.esrPending = in.readInt();
        a.icrLow = in.readInt();
        a.icrHigh = in.readInt();
        for (int i = 0; i < LVT_COUNT; i++) {
            a.lvt[i] = in.readInt();
        }
        for (VectorBits bits : new VectorBits[] {a.irr, a.isr, a.tmr}) {
            for (int i = 0; i < 4; i++) {
                bits.setWord(i, in.readLong());
            }
        }
        a.timer.read(in);
        if (a.timer.mode() == ApicTimer.TSC_DEADLINE && !a.features.tscDeadline()) {
            throw new IOException("the local APIC timer is in TSC-deadline mode, which this partition does not offer");
        }
        a.nmi = in.readBoolean();
        a.lint0 = in.readBoolean();
        a.lint1 = in.readBoolean();
        a.extIntEdge = in.readBoolean();
        a.initPending = in.readBoolean();
        a.waitForSipi = in.readBoolean();
        a.extIntVector = vectorOrNone(in.readInt(), "acknowledged ExtINT vector");
        a.sipiVector = vectorOrNone(in.readInt(), "pending SIPI vector");
    }

    /** IA32_APIC_BASE as the guest could have written it, on the same kind of processor (BSP or AP). */
    private static long checkedBase(LocalApic a, long base) throws IOException {
        long reserved = 0x2FFL | -1L << a.features.physicalAddressBits();
        if ((base & reserved) != 0 || (base & BASE_EXTD) != 0 && (base & BASE_ENABLE) == 0) {
            throw new IOException("IA32_APIC_BASE 0x%x is not a valid value".formatted(base));
        }
        if ((base & BASE_EXTD) != 0 && !a.features.x2apic()) {
            throw new IOException("the local APIC is in x2APIC mode, which this partition's CPU model does not offer");
        }
        if (((base & BASE_BSP) != 0) != a.isBsp()) {
            throw new IOException("IA32_APIC_BASE 0x%x does not match this processor's BSP flag".formatted(base));
        }
        return base;
    }

    private static int vectorOrNone(int v, String what) throws IOException {
        if (v < -1 || v > 255) {
            throw new IOException(what + " " + v + " is out of range");
        }
        return v;
    }
}
