package org.jvmm.hv.kvm.impl.vp;

import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.kvm.impl.ffm.KvmVcpuFd;
import org.jvmm.hv.kvm.impl.ffm.SpecialRegisters;

/**
 * kvm_regs and kvm_sregs of a stopped vCPU, read once and written back just before the next KVM_RUN.
 * Deferring the write lets a loader set control registers and segments in either order: KVM checks
 * them together (a 64-bit CS needs EFER.LMA) when KVM_SET_SREGS runs.
 */
final class RegisterCache {
    private final KvmVcpuFd vcpu;
    private GeneralRegisters regs;
    private boolean regsDirty;
    private SpecialRegisters sregs;
    private boolean sregsDirty;

    RegisterCache(KvmVcpuFd vcpu) {
        this.vcpu = vcpu;
    }

    GeneralRegisters general() {
        if (regs == null) {
            regs = vcpu.getRegs();
        }
        return regs;
    }

    void setGeneral(GeneralRegisters r) {
        regs = r;
        regsDirty = true;
    }

    SpecialRegisters special() {
        if (sregs == null) {
            sregs = vcpu.getSregs();
        }
        return sregs;
    }

    void setSegments(SegmentRegisters s) {
        sregs = special().withSegments(s);
        sregsDirty = true;
    }

    /** Sets CR0-CR4, CR8 and EFER; EFER.LMA follows LME and CR0.PG as on hardware. */
    void setControl(ControlRegisters c) {
        boolean longMode = (c.efer() & ControlRegisters.EFER_LME) != 0 && (c.cr0() & ControlRegisters.CR0_PG) != 0;
        long efer = longMode ? c.efer() | ControlRegisters.EFER_LMA : c.efer() & ~ControlRegisters.EFER_LMA;
        sregs = special().withControl(new ControlRegisters(c.cr0(), c.cr2(), c.cr3(), c.cr4(), c.cr8(), efer));
        sregsDirty = true;
    }

    /** Writes what was set; throws NativeCallException naming the ioctl if KVM rejects it. */
    void flush() {
        if (sregsDirty) {
            sregsDirty = false;
            vcpu.setSregs(sregs);
        }
        if (regsDirty) {
            regsDirty = false;
            vcpu.setRegs(regs);
        }
    }

    /** Forgets what was read (the vCPU ran, or state changed behind the cache). Call after {@link #flush}. */
    void invalidate() {
        regs = null;
        sregs = null;
    }

    /** Drops everything, written or not (reset). */
    void discard() {
        regsDirty = false;
        sregsDirty = false;
        invalidate();
    }
}
