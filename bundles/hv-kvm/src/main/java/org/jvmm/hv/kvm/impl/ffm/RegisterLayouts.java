package org.jvmm.hv.kvm.impl.ffm;

import static org.jvmm.hv.kvm.impl.ffm.CTypes.array;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.bytes;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u16;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u32;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u64;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u8;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/** The register structs of {@code <asm/kvm.h>}: kvm_regs, kvm_segment, kvm_dtable, kvm_sregs, kvm_xsave, kvm_debugregs. */
public final class RegisterLayouts {
    /** kvm_regs members in struct order. */
    static final String[] REGS_ORDER = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "rflags"};

    public static final StructLayout KVM_REGS = MemoryLayout.structLayout(regsMembers()).withName("kvm_regs");

    public static final StructLayout KVM_SEGMENT = MemoryLayout.structLayout(
            u64("base"), u32("limit"), u16("selector"), u8("type"), u8("present"), u8("dpl"), u8("db"),
            u8("s"), u8("l"), u8("g"), u8("avl"), u8("unusable"), u8("padding")).withName("kvm_segment");

    public static final StructLayout KVM_DTABLE = MemoryLayout.structLayout(
            u64("base"), u16("limit"), array("padding", 3, u16("p"))).withName("kvm_dtable");

    /** kvm_sregs segment members in struct order. */
    static final String[] SEGMENT_ORDER = {"cs", "ds", "es", "fs", "gs", "ss", "tr", "ldt"};

    public static final StructLayout KVM_SREGS = MemoryLayout.structLayout(
            KVM_SEGMENT.withName("cs"), KVM_SEGMENT.withName("ds"), KVM_SEGMENT.withName("es"),
            KVM_SEGMENT.withName("fs"), KVM_SEGMENT.withName("gs"), KVM_SEGMENT.withName("ss"),
            KVM_SEGMENT.withName("tr"), KVM_SEGMENT.withName("ldt"),
            KVM_DTABLE.withName("gdt"), KVM_DTABLE.withName("idt"),
            u64("cr0"), u64("cr2"), u64("cr3"), u64("cr4"), u64("cr8"), u64("efer"), u64("apic_base"),
            array("interrupt_bitmap", 4, u64("w"))).withName("kvm_sregs");

    /**
     * kvm_xsave: the guest's XSAVE image. Its first 512 bytes are the FXSAVE legacy area (x87, MMX,
     * SSE, MXCSR); the XSAVE header with XSTATE_BV follows at 512. Used instead of kvm_fpu, whose
     * KVM_SET_FPU cannot set MXCSR.
     */
    public static final StructLayout KVM_XSAVE = MemoryLayout.structLayout(array("region", 1024, u32("w")))
            .withName("kvm_xsave");

    public static final StructLayout KVM_DEBUGREGS = MemoryLayout.structLayout(
            array("db", 4, u64("r")), u64("dr6"), u64("dr7"), u64("flags"), array("reserved", 9, u64("r")))
            .withName("kvm_debugregs");

    private RegisterLayouts() {
    }

    private static MemoryLayout[] regsMembers() {
        MemoryLayout[] members = new MemoryLayout[REGS_ORDER.length];
        for (int i = 0; i < members.length; i++) {
            members[i] = u64(REGS_ORDER[i]);
        }
        return members;
    }
}
