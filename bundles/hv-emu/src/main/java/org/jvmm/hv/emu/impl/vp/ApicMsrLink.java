package org.jvmm.hv.emu.impl.vp;

import org.jvmm.hv.api.X86Msr;
import org.jvmm.hv.emu.impl.apic.LocalApic;
import org.jvmm.hv.emu.impl.cpu.ApicLink;
import org.jvmm.hv.emu.impl.cpu.CpuState;

/**
 * Connects the CPU's RDMSR/WRMSR and MOV CR8 to its local APIC. Before a TSC-deadline write the APIC
 * learns the CPU's current TSC offset (IA32_TSC writes), so the deadline is armed against the TSC the
 * guest sees; after any APIC MSR write the VP loop checks whether the timer now expires sooner.
 */
final class ApicMsrLink implements ApicLink {
    private final LocalApic apic;
    private final CpuState s;
    private final Runnable afterWrite;

    ApicMsrLink(LocalApic apic, CpuState s, Runnable afterWrite) {
        this.apic = apic;
        this.s = s;
        this.afterWrite = afterWrite;
    }

    @Override
    public boolean ownsMsr(int msr) {
        return LocalApic.ownsMsr(msr);
    }

    @Override
    public boolean readMsr(int msr, long[] out) {
        return apic.readMsr(msr, out);
    }

    @Override
    public boolean writeMsr(int msr, long value) {
        if (msr == X86Msr.TSC_DEADLINE) {
            apic.setTscOffset(s.tscOffset);
        }
        boolean ok = apic.writeMsr(msr, value);
        afterWrite.run();
        return ok;
    }

    @Override
    public int cr8() {
        return apic.cr8();
    }

    @Override
    public void setCr8(int value) {
        apic.setCr8(value);
    }
}
