package org.jvmm.hv.kvm.impl.ffm;

import static org.jvmm.hv.kvm.impl.ffm.CTypes.array;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.handle;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u32;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u64;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/** kvm_cpuid2 and kvm_msrs: a header followed by an array of entries (kvm_cpuid_entry2, kvm_msr_entry). */
public final class ListLayouts {
    public static final StructLayout KVM_CPUID_ENTRY2 = MemoryLayout.structLayout(
            u32("function"), u32("index"), u32("flags"), u32("eax"), u32("ebx"), u32("ecx"), u32("edx"),
            array("padding", 3, u32("p"))).withName("kvm_cpuid_entry2");
    static final VarHandle ENTRY_FUNCTION = handle(KVM_CPUID_ENTRY2, "function");
    static final VarHandle ENTRY_INDEX = handle(KVM_CPUID_ENTRY2, "index");
    static final VarHandle ENTRY_FLAGS = handle(KVM_CPUID_ENTRY2, "flags");
    static final VarHandle ENTRY_EAX = handle(KVM_CPUID_ENTRY2, "eax");
    static final VarHandle ENTRY_EBX = handle(KVM_CPUID_ENTRY2, "ebx");
    static final VarHandle ENTRY_ECX = handle(KVM_CPUID_ENTRY2, "ecx");
    static final VarHandle ENTRY_EDX = handle(KVM_CPUID_ENTRY2, "edx");

    /** The header; {@code nent} entries follow. */
    public static final StructLayout KVM_CPUID2 = MemoryLayout.structLayout(u32("nent"), u32("padding"))
            .withName("kvm_cpuid2");
    static final VarHandle CPUID2_NENT = handle(KVM_CPUID2, "nent");

    public static final StructLayout KVM_MSR_ENTRY = MemoryLayout.structLayout(
            u32("index"), u32("reserved"), u64("data")).withName("kvm_msr_entry");
    static final VarHandle MSR_INDEX = handle(KVM_MSR_ENTRY, "index");
    static final VarHandle MSR_DATA = handle(KVM_MSR_ENTRY, "data");

    /** The header; {@code nmsrs} entries follow. */
    public static final StructLayout KVM_MSRS = MemoryLayout.structLayout(u32("nmsrs"), u32("pad"))
            .withName("kvm_msrs");
    static final VarHandle MSRS_NMSRS = handle(KVM_MSRS, "nmsrs");

    private ListLayouts() {
    }
}
