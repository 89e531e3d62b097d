package org.jvmm.hv.kvm.impl.vp;

import java.util.Arrays;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.X86Msr;
import org.jvmm.hv.kvm.impl.ffm.KvmVcpuFd;
import org.jvmm.hv.kvm.impl.ffm.NativeCallException;
import org.jvmm.hv.kvm.impl.ffm.SpecialRegisters;

/**
 * A vCPU's architectural power-on state, captured from KVM right after the vCPU was created (KVM
 * resets it then: CS:IP F000:FFF0, the APIC at 0xFEE00000, the BSP runnable and the APs waiting for
 * INIT/SIPI) and written back by a partition reset, MSRs included so that a rebooted guest does not
 * inherit SYSCALL entry points or kvmclock pages.
 */
final class PowerOnState {
    /** MSRs restored on reset where KVM has them: SYSCALL/SYSENTER, PAT, MTRR default, TSC, kvmclock. */
    static final int[] RESET_MSRS = {X86Msr.TSC, X86Msr.SYSENTER_CS, X86Msr.SYSENTER_ESP, X86Msr.SYSENTER_EIP,
        X86Msr.PAT, X86Msr.MTRR_DEF_TYPE, X86Msr.TSC_DEADLINE, X86Msr.STAR, X86Msr.LSTAR, X86Msr.CSTAR,
        X86Msr.SFMASK, X86Msr.KERNEL_GS_BASE, X86Msr.TSC_AUX,
        0x4b56_4d00, 0x4b56_4d01, 0x4b56_4d02, 0x4b56_4d03, 0x4b56_4d04};

    private final GeneralRegisters regs;
    private final SpecialRegisters sregs;
    private final FpuState fpu;
    private final DebugRegisters debug;
    private final byte[] lapic;
    private final byte[] events;
    private final int mpState;
    private final int[] msrs;
    private final long[] msrValues;

    private PowerOnState(KvmVcpuFd vcpu) {
        regs = vcpu.getRegs();
        sregs = vcpu.getSregs();
        fpu = vcpu.getFpu();
        debug = vcpu.getDebugRegs();
        lapic = vcpu.getLapic();
        events = vcpu.getEvents();
        mpState = vcpu.getMpState();
        int[] known = new int[RESET_MSRS.length];
        long[] values = new long[RESET_MSRS.length];
        int n = 0;
        long[] one = new long[1];
        for (int msr : RESET_MSRS) {
            if (vcpu.getMsrs(new int[] {msr}, one) == 1) {
                known[n] = msr;
                values[n++] = one[0];
            }
        }
        msrs = Arrays.copyOf(known, n);
        msrValues = Arrays.copyOf(values, n);
    }

    static PowerOnState capture(KvmVcpuFd vcpu) {
        return new PowerOnState(vcpu);
    }

    void restore(KvmVcpuFd vcpu) {
        vcpu.setSregs(sregs);
        vcpu.setRegs(regs);
        vcpu.setFpu(fpu);
        vcpu.setDebugRegs(debug);
        vcpu.setLapic(lapic);
        int accepted = vcpu.setMsrs(msrs, msrValues);
        if (accepted != msrs.length) {
            throw new NativeCallException("KVM_SET_MSRS(vcpu " + vcpu.id() + ")",
                    "accepted " + accepted + " of " + msrs.length + " power-on MSRs, stopped at 0x"
                    + Integer.toHexString(msrs[accepted]));
        }
        vcpu.setEvents(events);
        vcpu.setMpState(mpState);
    }

    int mpState() {
        return mpState;
    }

    int msrCount() {
        return msrs.length;
    }
}
