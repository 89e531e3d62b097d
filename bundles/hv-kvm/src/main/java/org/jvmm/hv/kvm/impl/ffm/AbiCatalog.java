package org.jvmm.hv.kvm.impl.ffm;

import java.lang.foreign.StructLayout;
import java.util.List;

/**
 * Every C struct this package describes, for the ABI test that compiles their sizes and member
 * offsets against the C headers. A layout's name is its C struct tag; members are named as in C.
 */
public final class AbiCatalog {
    private AbiCatalog() {
    }

    /** Structs of {@code <linux/kvm.h>} (and the {@code <asm/kvm.h>} it includes). */
    public static List<StructLayout> kvmStructs() {
        return List.of(RegisterLayouts.KVM_REGS, RegisterLayouts.KVM_SEGMENT, RegisterLayouts.KVM_DTABLE,
                RegisterLayouts.KVM_SREGS, RegisterLayouts.KVM_XSAVE, RegisterLayouts.KVM_DEBUGREGS,
                RunLayout.KVM_RUN, VmLayouts.KVM_USERSPACE_MEMORY_REGION, VmLayouts.KVM_ENABLE_CAP,
                VmLayouts.KVM_MSI, VmLayouts.KVM_IRQ_ROUTING_ENTRY, VmLayouts.KVM_IRQ_ROUTING, VmLayouts.KVM_IRQFD,
                VmLayouts.KVM_IOEVENTFD, VmLayouts.KVM_INTERRUPT, VmLayouts.KVM_MP_STATE,
                VmLayouts.KVM_LAPIC_STATE, VmLayouts.KVM_VCPU_EVENTS, ListLayouts.KVM_CPUID_ENTRY2,
                ListLayouts.KVM_CPUID2, ListLayouts.KVM_MSR_ENTRY, ListLayouts.KVM_MSRS);
    }

    /** Structs of {@code <signal.h>} (glibc). */
    public static List<StructLayout> signalStructs() {
        return List.of(SignalKick.SIGACTION);
    }
}
